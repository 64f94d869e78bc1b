import { Anchor, Button, Container, Group, Stack, Text, Title } from "@mantine/core";
import { redirect } from "next/navigation";
import { getPageViewer } from "@/server/auth/page";

export default async function LandingPage() {
  if (await getPageViewer()) redirect("/dashboard");
  return (
    <Container size="sm" py={96}>
      <Stack gap="lg">
        <Title order={1}>Aigency</Title>
        <Text size="lg">
          Your AI marketing agency: tell it about your business, approve the campaign plan it drafts, and let it launch
          and watch your ads.
        </Text>
        <Group>
          <Button component="a" href="/sign-up">
            Create an account
          </Button>
          <Button component="a" href="/sign-in" variant="default">
            Sign in
          </Button>
        </Group>
        <Anchor href="/status" size="sm">
          Which services are real and which are simulated?
        </Anchor>
      </Stack>
    </Container>
  );
}
