import { Card, Stack, Text } from "@mantine/core";
import { campaignPlanSchema, type PlanAdSet } from "@/server/campaigns/plan-schema";
import { describeObjective, formatCents } from "./format";

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDay = (d: Date) => d.toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "Running for 3 days, since Dec 1, 2026 (UTC)": how long the campaign has run, in words. */
export function describeRunTime(input: { activatedAt: Date | null; live: boolean; now: Date }): string {
  if (!input.activatedAt) return "Not running yet.";
  if (!input.live) return `First went live on ${utcDay(input.activatedAt)} (UTC); not running now.`;
  const days = Math.floor((input.now.getTime() - input.activatedAt.getTime()) / DAY_MS);
  const length = days < 1 ? "less than a day" : days === 1 ? "1 day" : `${days} days`;
  return `Running for ${length}, since ${utcDay(input.activatedAt)} (UTC).`;
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });
const countryName = (code: string) => {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
};
const list = (items: string[]) => new Intl.ListFormat("en", { style: "long", type: "conjunction" }).format(items);

/** "People aged 25–45 in Brooklyn (United States), interested in baking and coffee." */
export function describeAudience(targeting: PlanAdSet["targeting"]): string {
  const areas = [...(targeting.cities ?? []), ...(targeting.regions ?? [])].map((a) => `${a.name} (${countryName(a.countryCode)})`);
  const places = areas.length ? areas : targeting.countries.map(countryName);
  const where = places.length ? ` in ${list(places)}` : "";
  const interests = targeting.interests.length ? `, interested in ${list(targeting.interests)}` : "";
  return `People aged ${targeting.ageMin}–${targeting.ageMax}${where}${interests}.`;
}

/** The approved plan in plain words: the goal, the daily budget, how long it has run, and who each group of ads reaches. */
export function CampaignStructure(props: {
  structure: Record<string, unknown> | null;
  currency: string;
  activatedAt: Date | null;
  live: boolean;
  now: Date;
}) {
  const parsed = campaignPlanSchema.safeParse(props.structure);
  if (!parsed.success) return <Text size="sm" c="dimmed">No plan stored for this version yet.</Text>;
  const plan = parsed.data;
  return (
    <Stack gap="sm" component="section" aria-label="The plan">
      <Text size="sm"><b>Goal:</b> {describeObjective(plan.objective)}</Text>
      <Text size="sm"><b>Daily budget:</b> {formatCents(plan.dailyBudgetCents, props.currency)} a day in total, as approved</Text>
      <Text size="sm"><b>How long:</b> {describeRunTime(props)}</Text>
      {plan.summary && <Text size="sm">{plan.summary}</Text>}
      <Text size="sm" fw={600}>Who sees the ads</Text>
      {plan.adSets.map((set, i) => (
        <Card key={`${set.name}-${i}`} withBorder padding="sm" aria-label={`Audience ${set.name}`}>
          <Text fw={600} size="sm">{set.name}</Text>
          <Text size="sm">{describeAudience(set.targeting)}</Text>
          <Text size="xs" c="dimmed">{set.ads.length === 1 ? "1 ad" : `${set.ads.length} ads`}</Text>
        </Card>
      ))}
    </Stack>
  );
}
