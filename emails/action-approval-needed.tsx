import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface ActionApprovalNeededProps extends UserEmailProps {
  projectName: string;
  /** The card's headline, e.g. "Raise the daily budget by 50% (from $40.00 to $60.00)". */
  title: string;
  /** Why, in plain words (no jargon). */
  reason: string;
  projectedEffect?: string;
  approveUrl: string;
  /** ISO-8601 timestamp after which the suggestion lapses and nothing changes. */
  expiresAt: string;
  /** The second email, sent when the first got no answer. */
  reminder?: boolean;
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC";
}

export function ActionApprovalNeededEmail(props: ActionApprovalNeededProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`${props.title}: your approval is needed`}
      heading={props.reminder ? "A suggested change is still waiting for you" : "The agency suggests a change"}
      action={{ label: "Review and decide", href: props.approveUrl }}
    >
      <Text>
        For {props.projectName}: <strong>{props.title}</strong>.
      </Text>
      <Text>{props.reason}</Text>
      {props.projectedEffect ? <Text>{props.projectedEffect}</Text> : null}
      <Text>
        Nothing changes until you approve it. If you do not answer by {formatDate(props.expiresAt)}, the suggestion lapses and
        your campaign stays as it is.
      </Text>
    </EmailLayout>
  );
}

export const actionApprovalNeededSubject = (p: ActionApprovalNeededProps) =>
  `${p.reminder ? "Reminder: " : ""}Approve a change for ${p.projectName}?`;
