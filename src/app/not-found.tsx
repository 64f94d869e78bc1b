import { Anchor, Container, Stack, Text, Title } from "@mantine/core";

/** Also what another organization's project looks like: indistinguishable from a missing one. */
export default function NotFound() {
  return (
    <Container size="sm" py={64}>
      <Stack>
        <Title order={2}>Not found</Title>
        <Text>There is nothing here, or it belongs to another organization.</Text>
        <Anchor href="/dashboard">Back to your projects</Anchor>
      </Stack>
    </Container>
  );
}
