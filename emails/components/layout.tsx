import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const styles = {
  body: { backgroundColor: "#f4f5f7", fontFamily: "-apple-system, Segoe UI, Helvetica, Arial, sans-serif" },
  container: {
    backgroundColor: "#ffffff",
    margin: "32px auto",
    padding: "32px",
    maxWidth: "560px",
    borderRadius: "8px",
  },
  heading: { fontSize: "22px", color: "#111827", margin: "0 0 16px" },
  button: { backgroundColor: "#4f46e5", color: "#ffffff", padding: "12px 20px", borderRadius: "6px", fontWeight: 600 },
  footer: { fontSize: "12px", color: "#6b7280" },
};

/**
 * What every template accepts besides its own props. `sendEmail` fills `unsubscribeUrl` when the
 * email goes to a user (a signed link that works without signing in); templates pass it to the layout.
 */
export interface UserEmailProps {
  unsubscribeUrl?: string;
}

/** The frame every Aigency email shares: preview line, heading, body, one call to action, footer. */
export function EmailLayout(props: {
  unsubscribeUrl?: string;
  preview: string;
  heading: string;
  children: ReactNode;
  action?: { label: string; href: string };
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading style={styles.heading}>{props.heading}</Heading>
          {props.children}
          {props.action ? (
            <Section style={{ margin: "24px 0" }}>
              <Button href={props.action.href} style={styles.button}>
                {props.action.label}
              </Button>
            </Section>
          ) : null}
          <Hr />
          <Text style={styles.footer}>
            Aigency, your AI marketing agency. You get this email because you own this project.
          </Text>
          {props.unsubscribeUrl ? (
            <Text style={styles.footer}>
              <Link href={props.unsubscribeUrl} style={{ color: "#6b7280", textDecoration: "underline" }}>
                Unsubscribe / email settings
              </Link>
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

/** Amounts are hundredths of the plan's currency (the ad account's); never assume dollars. */
export { formatMoney as formatCents } from "@/server/campaigns/currency";
