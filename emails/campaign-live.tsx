import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface CampaignLiveProps extends UserEmailProps {
  projectName: string;
  campaignName: string;
  campaignUrl: string;
}

export function CampaignLiveEmail(props: CampaignLiveProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`${props.campaignName} is live`}
      heading="Your campaign is live"
      action={{ label: "Open the campaign", href: props.campaignUrl }}
    >
      <Text>
        <strong>{props.campaignName}</strong> for {props.projectName} is now running. We will watch its results and tell
        you when something needs your attention.
      </Text>
    </EmailLayout>
  );
}

export const campaignLiveSubject = (p: CampaignLiveProps) => `${p.campaignName} is live`;
