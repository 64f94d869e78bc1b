import { Badge, Card, Group, List, ListItem, Stack, Text } from "@mantine/core";
import { campaignPlanSchema } from "@/server/campaigns/plan-schema";
import { describeCta, describeObjective, formatCents } from "./format";

/** The approved plan as stored: objective, budget, each ad set's audience and its ads. */
export function CampaignStructure(props: { structure: Record<string, unknown> | null; currency: string }) {
  const parsed = campaignPlanSchema.safeParse(props.structure);
  if (!parsed.success) return <Text size="sm" c="dimmed">No plan stored for this version yet.</Text>;
  const plan = parsed.data;
  return (
    <Stack gap="sm">
      <Text size="sm">
        <b>Goal:</b> {describeObjective(plan.objective)} · <b>Daily budget:</b> {formatCents(plan.dailyBudgetCents, props.currency)}
      </Text>
      {plan.adSets.map((set, i) => (
        <Card key={`${set.name}-${i}`} withBorder padding="sm" aria-label={`Ad set ${set.name}`}>
          <Text fw={600} size="sm">{set.name}</Text>
          <Text size="xs" c="dimmed">
            Ages {set.targeting.ageMin}–{set.targeting.ageMax} in {set.targeting.countries.join(", ")}
            {set.targeting.interests.length ? `, interested in ${set.targeting.interests.join(", ")}` : ""}
          </Text>
          <List size="sm" mt="xs" spacing={4}>
            {set.ads.map((ad) => (
              <ListItem key={ad.name}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>{ad.headline}</Text>
                  <Badge size="xs" variant="light">{describeCta(ad.cta)}</Badge>
                </Group>
                <Text size="xs">{ad.primaryText}</Text>
              </ListItem>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}
