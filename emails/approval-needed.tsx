import { Text } from "@react-email/components";
import { EmailLayout, formatCents, type UserEmailProps } from "./components/layout";

export interface ApprovalNeededProps extends UserEmailProps {
  projectName: string;
  campaignName: string;
  dailyBudgetCents: number;
  /** ISO 4217 code of the ad account the plan spends in. */
  currency: string;
  /** Set when this version takes over from a live campaign: says which, and that it will be paused. */
  replacesSentence?: string;
  approveUrl: string;
}

export function ApprovalNeededEmail(props: ApprovalNeededProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`Your plan for ${props.campaignName} is ready for review`}
      heading="A campaign plan needs your approval"
      action={{ label: "Review and approve", href: props.approveUrl }}
    >
      <Text>
        We drafted the campaign <strong>{props.campaignName}</strong> for {props.projectName}. It will spend up to{" "}
        {formatCents(props.dailyBudgetCents, props.currency)} per day once approved. Nothing goes live until you say so.
      </Text>
      {props.replacesSentence ? <Text>{props.replacesSentence}</Text> : null}
    </EmailLayout>
  );
}

export const approvalNeededSubject = (p: ApprovalNeededProps) => `Approve the plan for ${p.campaignName}`;
