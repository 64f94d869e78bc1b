import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface TokenExpiringProps extends UserEmailProps {
  reconnectUrl: string;
}

export function TokenExpiringEmail(props: TokenExpiringProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview="Reconnect Facebook to keep your campaigns running"
      heading="Your Facebook connection is about to expire"
      action={{ label: "Reconnect Facebook", href: props.reconnectUrl }}
    >
      <Text>
        Facebook access tokens expire. Reconnect your account so we can keep managing and reporting on your campaigns.
      </Text>
    </EmailLayout>
  );
}

export const tokenExpiringSubject = () => "Reconnect your Facebook account";
