import { Anchor, Card, Container, Stack, Text, Title } from "@mantine/core";
import { UnsubscribeChoice } from "@/components/notifications/unsubscribe-choice";
import { env } from "@/env";
import { getDeps } from "@/server/deps";
import { describeTokenUser } from "@/server/notifications/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * Where an email's "Unsubscribe / email settings" link lands, signed in or not. Reading it changes
 * nothing (mail scanners open links); the buttons post the choice with the link's token.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw.length <= 2_000 ? raw : "";
  const { db } = await getDeps();
  const who = token ? await describeTokenUser(db, { token, env: env() }) : ({ ok: false, reason: "invalid" } as const);
  return (
    <Container size="sm" py="xl">
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Title order={2}>Email settings</Title>
          {who.ok ? (
            <>
              <Text size="sm">
                For <strong>{who.maskedEmail}</strong>. Choose which emails Aigency sends you; the bell in the app keeps showing everything.
              </Text>
              <UnsubscribeChoice token={token} current={who.level} />
            </>
          ) : (
            <Text size="sm" role="alert">
              {who.reason === "invalid"
                ? "This link is not valid. Use the link at the bottom of one of our emails, or sign in and open the notification settings."
                : "This link belongs to an account that no longer exists."}
            </Text>
          )}
          <Anchor href="/settings/notifications" size="sm">Notification settings (sign in)</Anchor>
        </Stack>
      </Card>
    </Container>
  );
}
