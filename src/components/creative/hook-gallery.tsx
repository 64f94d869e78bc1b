import { Badge, Card, Group, Image, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { StudioHook } from "./load-studio";

/** The shown version's hooks, each with its images side by side (feed 1200×628 and square 1080×1080). */
export function HookGallery({ version, hooks }: { version: number; hooks: StudioHook[] }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Hooks and images">
      <Title order={5} mb="xs">Hooks and images (v{version})</Title>
      <Stack gap="md">
        {hooks.map((h) => (
          <Card key={h.number} withBorder padding="sm" radius="sm" aria-label={`Hook ${h.number}`}>
            <Group justify="space-between" mb={4}>
              <Text fw={700}>
                {h.number}. {h.headline}
              </Text>
              <Group gap={4}>
                <Badge variant="light">{h.angle}</Badge>
                <Badge variant="outline">{h.trigger}</Badge>
                {h.reusedFromVersion !== null && <Badge color="gray" variant="light">Kept from v{h.reusedFromVersion}</Badge>}
              </Group>
            </Group>
            <Text size="sm" mb="xs">{h.primaryText}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {h.images.map((img) => (
                <Image key={`${img.width}x${img.height}`} src={img.url} alt={`Hook ${h.number}, ${img.width}×${img.height}`} radius="sm" fit="contain" mah={260} />
              ))}
            </SimpleGrid>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}
