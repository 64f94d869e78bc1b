import { Text } from "@react-email/components";
import { EmailLayout, type UserEmailProps } from "./components/layout";

export interface SandboxAlertProps extends UserEmailProps {
  /** "Snapshot build" or "Template refresh". */
  what: string;
  /** The snapshot or template concerned. */
  subject: string;
  errorMessage: string;
  /** What still serves sandboxes meanwhile. */
  stillActive: string | null;
  statusUrl: string;
}

/** To the operators: a sandbox snapshot or template failed, and what new sandboxes start from meanwhile. */
export function SandboxAlertEmail(props: SandboxAlertProps) {
  return (
    <EmailLayout
      unsubscribeUrl={props.unsubscribeUrl}
      preview={`${props.what} failed: ${props.subject}`}
      heading={`${props.what} failed`}
      action={{ label: "Open the status page", href: props.statusUrl }}
    >
      <Text>
        <strong>{props.subject}</strong> could not be made ready.
      </Text>
      <Text style={{ color: "#991b1b" }}>{props.errorMessage}</Text>
      <Text>
        {props.stillActive
          ? `New sandboxes keep starting from ${props.stillActive}, the last snapshot that passed verification.`
          : "No verified snapshot exists yet, so new sandboxes start without the pre-built templates."}
      </Text>
    </EmailLayout>
  );
}

export const sandboxAlertSubject = (p: SandboxAlertProps) => `[Aigency ops] ${p.what} failed: ${p.subject}`;
