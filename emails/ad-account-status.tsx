import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface AdAccountStatusProps extends UserEmailProps {
  /** "Facebook disabled your ad account", "Your ad account is running again"… */
  title: string;
  happened: string;
  means: string;
  todo: string;
  /** True when the account is running again (the agency resumed); false when it stopped. */
  resumed: boolean;
  projectUrl: string;
}

/** Facebook changed the ad account's standing: what happened, what it means for the campaigns, what to do. */
export function AdAccountStatusEmail(props: AdAccountStatusProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={props.title}
      heading={props.title}
      action={{ label: props.resumed ? "See your campaigns" : "See what the agency paused", href: props.projectUrl }}
    >
      <Text>{props.happened}</Text>
      <Text>
        <strong>What this means for your campaigns: </strong>
        {props.means}
      </Text>
      <Text>
        <strong>What to do: </strong>
        {props.todo}
      </Text>
    </EmailLayout>
  );
}

export const adAccountStatusSubject = (p: AdAccountStatusProps) => p.title;
