import { Anchor, Card, Container, Stack, Text, Title } from "@mantine/core";
import { loadPolicySettings } from "@/components/optimization/load-policy-settings";
import { requirePageViewer } from "@/server/auth/page";
import { getDeps } from "@/server/deps";
import { DEFAULT_AUTONOMY_POLICY } from "@/server/optimization/policy";
import { AutonomyForm } from "./autonomy-form";

export const dynamic = "force-dynamic";

/** How far the agency may move the organization's money on its own: the money-aware autonomy policy. */
export default async function AutonomySettingsPage() {
  const viewer = await requirePageViewer();
  const { db } = await getDeps();
  const settings = await loadPolicySettings(db, viewer.organizationId);
  return (
    <Container size="md">
      <Stack gap="md">
        <Anchor href="/dashboard" size="sm">← All projects</Anchor>
        <Title order={2}>Autonomy</Title>
        <Text size="sm">
          While your campaigns run, the agency checks their numbers every few hours and fixes what it can: it pauses ads nobody clicks,
          moves money towards the audience that works best, and swaps tired ads. These settings decide how much of that it may do on its
          own and what must wait for your OK. Pausing a whole campaign, changing who sees your ads or launching a new campaign always waits for you.
        </Text>
        <Card withBorder padding="lg" component="section" aria-label="Autonomy settings">
          <AutonomyForm initial={settings.policy} defaults={DEFAULT_AUTONOMY_POLICY} currency={settings.currency} />
        </Card>
        <Text size="xs" c="dimmed">
          {settings.updated
            ? `Last changed ${settings.updated.at.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC${settings.updated.byName ? ` by ${settings.updated.byName}` : ""}.`
            : "Your organization uses the safe defaults: nobody has changed these settings yet."}{" "}
          They apply to every campaign of {viewer.organizationName}.
        </Text>
      </Stack>
    </Container>
  );
}
