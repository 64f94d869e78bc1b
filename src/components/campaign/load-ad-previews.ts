import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, optimizationActions, performanceSnapshots } from "@/server/db/schema";
import { adKey, adSetKey, campaignPlanSchema } from "@/server/campaigns/plan-schema";
import { getBriefById } from "@/server/onboarding/briefs";
import type { StorageService } from "@/server/services/storage";
import { describeCta, linkDomain } from "./format";
import { loadFacebookHolds, type FacebookHold } from "@/components/webhooks/load-facebook-holds";

/** Why an ad is not (fully) showing, in the owner's words. */
export interface AdMark {
  label: string;
  color: string;
}

/** One ad as the feed shows it, with what keeps it off. */
export interface AdPreview {
  key: string;
  adSetName: string;
  primaryText: string;
  headline: string;
  cta: string;
  domain: string | null;
  /** A signed link to the PNG uploaded to Facebook; null before deploy or when the file is gone. */
  imageUrl: string | null;
  marks: AdMark[];
}

// Long enough to read the page, short enough that a copied link soon stops working.
const IMAGE_LINK_SECONDS = 60 * 60;

/**
 * The campaign's ads from its stored plan, the images we uploaded, and what Facebook or the agency
 * did to each. Scoped to the viewer's organization: another organization's campaign reads as absent (null).
 */
export async function loadAdPreviews(
  db: Db,
  opts: { organizationId: string; campaignId: string; storage: StorageService },
): Promise<AdPreview[] | null> {
  const [record] = await db
    .select()
    .from(campaignRecords)
    .where(and(eq(campaignRecords.organizationId, opts.organizationId), eq(campaignRecords.id, opts.campaignId)));
  if (!record) return null;
  const plan = campaignPlanSchema.safeParse(record.structure);
  if (!plan.success) return [];
  const scope = { organizationId: opts.organizationId, campaignId: record.id };
  const [brief, statuses, holds] = await Promise.all([
    record.briefId ? getBriefById(db, { organizationId: opts.organizationId, briefId: record.briefId }) : null,
    latestAdStatuses(db, scope),
    loadFacebookHolds(db, scope),
  ]);
  const domain = brief ? linkDomain(brief.websiteUrl) : null;
  return Promise.all(
    plan.data.adSets.flatMap((set, i) =>
      set.ads.map(async (ad, j): Promise<AdPreview> => {
        const key = adKey(i, j);
        const adId = record.fbAdIds[key];
        const adSetId = record.fbAdSetIds[adSetKey(i)];
        return {
          key,
          adSetName: set.name,
          primaryText: ad.primaryText,
          headline: ad.headline,
          cta: describeCta(ad.cta),
          domain,
          imageUrl: record.fbImageHashes[key] ? await imageLink(opts.storage, `${record.organizationId}/campaigns/${record.id}/${key}.png`) : null,
          marks: reserveMarks(
            ad.reserve === true && (statuses.get(adId ?? "")?.status ?? "PAUSED") === "PAUSED",
            adId ? marksFor({ status: statuses.get(adId), holds: holds.filter((h) => h.objectId === adId || h.objectId === adSetId) }) : [],
          ),
        };
      }),
    ),
  );
}

async function imageLink(storage: StorageService, path: string): Promise<string | null> {
  try {
    return await storage.signedUrl(path, IMAGE_LINK_SECONDS);
  } catch {
    // A missing file is shown as a placeholder: the ad itself is unaffected.
    return null;
  }
}

/**
 * Each ad's status as last known: the newest numbers pull, unless the agency changed it since
 * (an applied ledger entry newer than that pull).
 */
async function latestAdStatuses(db: Db, scope: { organizationId: string; campaignId: string }): Promise<Map<string, { status: string; at: Date }>> {
  const known = new Map<string, { status: string; at: Date }>();
  const snapshots = await db
    .select({ objectId: performanceSnapshots.objectId, status: performanceSnapshots.effectiveStatus, objectStatus: performanceSnapshots.objectStatus, at: performanceSnapshots.pulledAt })
    .from(performanceSnapshots)
    .where(and(eq(performanceSnapshots.organizationId, scope.organizationId), eq(performanceSnapshots.campaignId, scope.campaignId), eq(performanceSnapshots.objectType, "ad")))
    .orderBy(desc(performanceSnapshots.date), desc(performanceSnapshots.pulledAt));
  for (const s of snapshots) {
    const status = s.status ?? s.objectStatus;
    if (status && !known.has(s.objectId)) known.set(s.objectId, { status, at: s.at });
  }
  const applied = await db
    .select({ after: optimizationActions.after, appliedAt: optimizationActions.appliedAt })
    .from(optimizationActions)
    .where(and(eq(optimizationActions.organizationId, scope.organizationId), eq(optimizationActions.campaignId, scope.campaignId), eq(optimizationActions.status, "APPLIED")))
    .orderBy(desc(optimizationActions.appliedAt));
  for (const a of applied) {
    if (!a.appliedAt) continue;
    for (const [id, status] of Object.entries(a.after.statuses ?? {})) {
      const seen = known.get(id);
      if (!seen || seen.at < a.appliedAt) known.set(id, { status, at: a.appliedAt });
    }
  }
  return known;
}

const STATUS_MARKS: Record<string, AdMark> = {
  PAUSED: { label: "Paused", color: "orange" },
  ADSET_PAUSED: { label: "Paused", color: "orange" },
  CAMPAIGN_PAUSED: { label: "Paused", color: "orange" },
  DISAPPROVED: { label: "Turned down by Facebook", color: "red" },
  PENDING_REVIEW: { label: "Waiting for Facebook's review", color: "blue" },
  IN_PROCESS: { label: "Waiting for Facebook's review", color: "blue" },
  WITH_ISSUES: { label: "Facebook found a problem", color: "yellow" },
};

/** A reserve ad nobody has turned on yet says so, instead of a bare "Paused". */
function reserveMarks(waiting: boolean, marks: AdMark[]): AdMark[] {
  if (!waiting) return marks;
  return [{ label: "In reserve: turned on when an ad tires", color: "gray" }, ...marks.filter((m) => m.label !== "Paused")];
}

/** Marks for one ad, most serious first, each said once. */
export function marksFor(input: { status?: { status: string }; holds: FacebookHold[] }): AdMark[] {
  const marks: AdMark[] = [];
  const add = (m: AdMark | undefined) => {
    if (m && !marks.some((x) => x.label === m.label)) marks.push(m);
  };
  for (const h of input.holds) {
    if (h.kind === "review") add(STATUS_MARKS[h.status]);
    else add({ label: "Turned off outside Aigency", color: "orange" });
  }
  const status = input.status ? STATUS_MARKS[input.status.status] : undefined;
  // A pause made outside Aigency already says why it is off; "Paused" beside it would say it twice.
  if (status && !(status.label === "Paused" && input.holds.some((h) => h.kind === "held"))) add(status);
  return marks;
}
