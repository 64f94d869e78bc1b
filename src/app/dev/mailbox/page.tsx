import { Alert, Code, Container, Paper, Stack, Text, Title } from "@mantine/core";
import { notFound } from "next/navigation";
import { requirePageViewer } from "@/server/auth/page";
import { getDeps } from "@/server/deps";
import { isMailboxEnabled, listMailbox } from "@/server/mail/mailbox";

export const dynamic = "force-dynamic";

const frame = { width: "100%", height: "480px", border: "1px solid #dee2e6", borderRadius: "4px", background: "#fff" };

/** The emails the embedded outbox recorded for the viewer's organization, as the recipient saw them. */
export default async function MailboxPage() {
  if (!isMailboxEnabled()) notFound();
  const viewer = await requirePageViewer();
  const { db } = await getDeps();
  const emails = await listMailbox(db, { viewer });
  return (
    <Container size="md" py="lg">
      <Stack gap="md">
        <Title order={1}>Mailbox</Title>
        <Alert color="yellow" title="Simulated mailbox — these emails were not delivered" role="status">
          Set <Code>RESEND_API_KEY</Code> to send real email.
        </Alert>
        {emails.length === 0 ? <Text c="dimmed">No emails yet.</Text> : null}
        {emails.map((email) => (
          <Paper key={email.id} withBorder p="md" component="article">
            <Title order={2} size="h4">
              {email.subject}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              To {email.to} ·{" "}
              <time dateTime={email.createdAt.toISOString()}>{email.createdAt.toLocaleString("en-US")}</time> ·{" "}
              {email.template}
              {email.status === "FAILED" ? ` · failed: ${email.error}` : ""}
              {email.status === "SUPPRESSED" ? " · not sent: the recipient's email settings leave it out" : ""}
            </Text>
            {/* No sandbox permissions: the email's HTML can neither run script nor navigate the app. */}
            <iframe title={email.subject} srcDoc={email.html} sandbox="" style={frame} />
          </Paper>
        ))}
      </Stack>
    </Container>
  );
}
