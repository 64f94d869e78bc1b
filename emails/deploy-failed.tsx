import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface DeployFailedProps extends UserEmailProps {
  projectName: string;
  campaignName: string;
  failedStep: string;
  errorMessage: string;
  campaignUrl: string;
}

export function DeployFailedEmail(props: DeployFailedProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`We could not launch ${props.campaignName}`}
      heading="Your campaign could not be launched"
      action={{ label: "See what happened", href: props.campaignUrl }}
    >
      <Text>
        Launching <strong>{props.campaignName}</strong> for {props.projectName} stopped at the step &ldquo;
        {props.failedStep}&rdquo;. No money was spent on the parts that did not go live.
      </Text>
      <Text style={{ color: "#991b1b" }}>{props.errorMessage}</Text>
    </EmailLayout>
  );
}

export const deployFailedSubject = (p: DeployFailedProps) => `Launch failed: ${p.campaignName}`;
