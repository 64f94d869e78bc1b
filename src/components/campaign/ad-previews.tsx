import { Badge, Box, Button, Card, Group, Image, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { AdPreview } from "./load-ad-previews";

/**
 * Each ad roughly as it appears in someone's Facebook feed: the Page, the text, the image, then the
 * link, headline and button. We do not store the Page's name, so the card says "Your Facebook Page".
 */
export function AdPreviews(props: { ads: AdPreview[]; simulated: boolean }) {
  return (
    <Stack gap="sm" component="section" aria-label="Your ads">
      <Title order={5}>Your ads, as people see them</Title>
      {props.ads.length === 0 ? (
        <Text size="sm" c="dimmed">No ads in this plan yet.</Text>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            A close likeness of a Facebook feed; Facebook may crop or shorten the text on small screens.
            {props.simulated ? " This account is simulated: nobody outside Aigency sees these ads." : ""}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {props.ads.map((ad) => <AdPreviewCard key={ad.key} ad={ad} />)}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function AdPreviewCard({ ad }: { ad: AdPreview }) {
  return (
    <Card withBorder padding={0} radius="md" component="article" aria-label={`Ad “${ad.headline}”`} data-testid="ad-preview">
      <Stack gap={6} p="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Text size="sm" fw={700}>Your Facebook Page</Text>
            <Text size="xs" c="dimmed">Sponsored</Text>
          </div>
          <Group gap={4} justify="flex-end">
            {ad.marks.map((m) => <Badge key={m.label} size="sm" color={m.color} variant="light">{m.label}</Badge>)}
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: "pre-line" }}>{ad.primaryText}</Text>
      </Stack>
      {ad.imageUrl ? (
        <Image src={ad.imageUrl} alt={`The picture of the ad “${ad.headline}”`} fit="cover" style={{ aspectRatio: "1 / 1" }} />
      ) : (
        <Box bg="gray.1" style={{ aspectRatio: "1 / 1", display: "flex", alignItems: "center", justifyContent: "center" }} p="md">
          <Text size="sm" c="dimmed" ta="center">The picture is made when the campaign goes live.</Text>
        </Box>
      )}
      <Group justify="space-between" wrap="nowrap" p="sm" bg="gray.0">
        <div style={{ minWidth: 0 }}>
          {ad.domain && <Text size="xs" c="dimmed" tt="uppercase">{ad.domain}</Text>}
          <Text size="sm" fw={700} lineClamp={2}>{ad.headline}</Text>
        </div>
        <Button component="span" variant="default" size="xs" style={{ flexShrink: 0 }}>{ad.cta}</Button>
      </Group>
      <Text size="xs" c="dimmed" px="sm" pb="xs">In the group “{ad.adSetName}”</Text>
    </Card>
  );
}
