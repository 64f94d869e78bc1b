import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface UsageBudgetWarningProps extends UserEmailProps {
  organizationName: string;
  /** "December 2026". */
  monthLabel: string;
  /** Formatted dollars, e.g. "$41.20" of "$50.00". */
  spent: string;
  budget: string;
  percent: number;
  usageUrl: string;
}

/** To the owners: the month's agency cost passed 80% of the organization's budget (sent once a month). */
export function UsageBudgetWarningEmail(props: UsageBudgetWarningProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`${props.organizationName} has used ${props.percent}% of its ${props.monthLabel} budget`}
      heading={`${props.percent}% of this month's budget used`}
      action={{ label: "Open the usage page", href: props.usageUrl }}
    >
      <Text>
        {props.organizationName} has spent <strong>{props.spent}</strong> of its <strong>{props.budget}</strong> budget for{" "}
        {props.monthLabel} on models, sandboxes, storage and email.
      </Text>
      <Text>
        At 100% new creative generation, app generation and agent tasks are refused until the month ends or the budget is raised.
        Chat keeps working.
      </Text>
    </EmailLayout>
  );
}

export const usageBudgetWarningSubject = (p: UsageBudgetWarningProps) => `${p.organizationName}: ${p.percent}% of the ${p.monthLabel} budget used`;
