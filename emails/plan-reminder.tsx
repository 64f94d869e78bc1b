import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface PlanReminderProps extends UserEmailProps {
  projectName: string;
  campaignName: string;
  approveUrl: string;
  /** ISO-8601 timestamp after which the plan lapses. */
  expiresAt: string;
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC"
  );
}

export function PlanReminderEmail(props: PlanReminderProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`${props.campaignName} is still waiting for you`}
      heading="Your campaign plan is still waiting"
      action={{ label: "Review the plan", href: props.approveUrl }}
    >
      <Text>
        The plan for <strong>{props.campaignName}</strong> ({props.projectName}) has not been approved yet. It expires
        on {formatDate(props.expiresAt)}; after that we will draft a fresh one.
      </Text>
    </EmailLayout>
  );
}

export const planReminderSubject = (p: PlanReminderProps) => `Reminder: ${p.campaignName} is waiting for approval`;
