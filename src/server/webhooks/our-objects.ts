import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, type FacebookIdMap } from "@/server/db/schema";
import type { CampaignRecord } from "@/server/campaigns/records";

export type ObjectType = "campaign" | "adset" | "ad";

/** One of our campaign records' Facebook objects, with the words an owner knows it by. */
export interface OurObject {
  record: CampaignRecord;
  objectType: ObjectType;
  objectId: string;
  /** "the ad “Fresh bread daily”": its name or headline from the plan, never its id. */
  label: string;
}

/** Graph sends ad account numbers without the `act_` prefix; our rows store `act_<number>`. */
export function normalizeAdAccountId(id: string): string {
  return id.startsWith("act_") ? id : `act_${id}`;
}

const keyOf = (map: FacebookIdMap, id: string) => Object.entries(map).find(([, v]) => v === id)?.[0];

interface PlanShape {
  name?: string;
  adSets?: { name?: string; ads?: { name?: string; headline?: string }[] }[];
}

const quoted = (s: string | undefined) => (s && s.trim() ? `“${s.trim()}”` : null);

/** Which of the record's objects `objectId` is, and its plan name: `ad-1-0` is ad 0 of ad set 1. */
export function describeObject(record: CampaignRecord, objectId: string): Omit<OurObject, "record"> | null {
  const plan = (record.structure ?? {}) as PlanShape;
  if (record.fbCampaignId === objectId) {
    return { objectType: "campaign", objectId, label: `the campaign ${quoted(plan.name) ?? `(version ${record.version})`}` };
  }
  const adSetKey = keyOf(record.fbAdSetIds, objectId);
  if (adSetKey) {
    const set = plan.adSets?.[Number(adSetKey.split("-")[1])];
    return { objectType: "adset", objectId, label: `the group of ads ${quoted(set?.name) ?? "in this campaign"}` };
  }
  const adKey = keyOf(record.fbAdIds, objectId);
  if (adKey) {
    const [, i, j] = adKey.split("-").map(Number);
    const ad = plan.adSets?.[i!]?.ads?.[j!];
    return { objectType: "ad", objectId, label: `the ad ${quoted(ad?.headline) ?? quoted(ad?.name) ?? "of this campaign"}` };
  }
  return null;
}

/**
 * The campaign records (one per organization using the ad account) that own a Facebook object. Ids
 * live in the record's id maps, so the lookup reads the maps' values; an account may be shared by
 * organizations, each with its own rows. Newest version first.
 */
export async function findOurObjects(db: Db, opts: { adAccountId: string; objectId: string }): Promise<OurObject[]> {
  const inMap = (col: typeof campaignRecords.fbAdIds | typeof campaignRecords.fbAdSetIds) =>
    sql`exists (select 1 from jsonb_each_text(${col}) as m where m.value = ${opts.objectId})`;
  const rows = await db
    .select()
    .from(campaignRecords)
    .where(
      and(
        eq(campaignRecords.adAccountId, normalizeAdAccountId(opts.adAccountId)),
        or(eq(campaignRecords.fbCampaignId, opts.objectId), inMap(campaignRecords.fbAdSetIds), inMap(campaignRecords.fbAdIds)),
      ),
    )
    .orderBy(desc(campaignRecords.version));
  const seen = new Set<string>();
  const out: OurObject[] = [];
  for (const record of rows) {
    if (seen.has(record.organizationId)) continue;
    const described = describeObject(record, opts.objectId);
    if (!described) continue;
    seen.add(record.organizationId);
    out.push({ record, ...described });
  }
  return out;
}

/** The objects above `objectId` in its record (ad → ad set → campaign), so a held parent holds its children. */
export function ancestorsOf(record: Pick<CampaignRecord, "fbCampaignId" | "fbAdSetIds" | "fbAdIds">, objectId: string): string[] {
  const present = (ids: (string | null | undefined)[]) => ids.filter((x): x is string => Boolean(x));
  const adKey = keyOf(record.fbAdIds, objectId);
  if (adKey) return present([record.fbAdSetIds[`adset-${adKey.split("-")[1]}`], record.fbCampaignId]);
  if (keyOf(record.fbAdSetIds, objectId)) return present([record.fbCampaignId]);
  return [];
}
