import { Anchor, Card, Container, Stack, Text, Title } from "@mantine/core";
import { EmailLevelForm } from "@/components/notifications/email-level-form";
import { requirePageViewer } from "@/server/auth/page";
import { getDeps } from "@/server/deps";
import { getEmailPreference } from "@/server/notifications/email-preferences";

export const dynamic = "force-dynamic";

/** Which notifications also come by email, for the signed-in person (not the whole organization). */
export default async function NotificationSettingsPage() {
  const viewer = await requirePageViewer();
  const { db } = await getDeps();
  const level = await getEmailPreference(db, viewer.userId);
  return (
    <Container size="md">
      <Stack gap="md">
        <Anchor href="/dashboard" size="sm">← All projects</Anchor>
        <Title order={2}>Notifications</Title>
        <Text size="sm">
          The bell at the top shows everything the agency tells you. Choose which of those also reach you by email at {viewer.email}.
          Every email has a link at the bottom to change this without signing in.
        </Text>
        <Card withBorder padding="lg" component="section" aria-label="Email settings">
          <EmailLevelForm initial={level} />
        </Card>
      </Stack>
    </Container>
  );
}
