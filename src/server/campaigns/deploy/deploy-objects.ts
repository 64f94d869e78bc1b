import { and, eq, inArray } from "drizzle-orm";
import type { Deps } from "@/server/deps";
import { campaignRecords } from "@/server/db/schema";
import { getActiveConnection } from "@/server/facebook/connections";
import { GraphApiError, type AdAccountContext } from "@/server/services/facebook/types";
import { adKey, adSetKey, campaignPlanSchema, type CampaignPlan } from "../plan-schema";
import { perAdSetBudget } from "../approval-card";
import { toGraphAmount } from "../currency";
import { claimFacebookId, type CampaignRecord, type FacebookIdSlot } from "../records";
import { heldAmong } from "@/server/webhooks/holds";
import { loadCreativeImage } from "@/server/creative/lineage/creative-image";
import { renderAdImage } from "./ad-image";
import { DeployBlockedError, RECONNECT_FACEBOOK_MESSAGE, toStepError } from "./graph-errors";
import { deployMarker, withMarker } from "./markers";
import { adoptOrCreate } from "./reconcile";
import { deleteStrayCopies } from "./stray-copies";
import { optimizationGoalFor, toGraphTargeting } from "./targeting";

export interface DeployRef {
  campaignId: string;
  /** The step id, recorded with any error so the user sees where the deployment stopped. */
  step: string;
}

export interface Created {
  id: string;
  created: boolean;
  /** Found on Facebook by its marker: an earlier attempt created it but never stored its id. */
  adopted?: boolean;
}

interface Loaded {
  record: CampaignRecord;
  plan: CampaignPlan;
  fb: AdAccountContext;
  pageId?: string;
}

async function load(deps: Deps, ref: DeployRef): Promise<Loaded> {
  const [record] = await deps.db.select().from(campaignRecords).where(eq(campaignRecords.id, ref.campaignId));
  if (!record?.structure) throw new DeployBlockedError(`Campaign ${ref.campaignId} has no approved plan`);
  if (!record.connectionUserId) throw new DeployBlockedError("The Facebook connection that planned this campaign is gone; reconnect Facebook.");
  const conn = await getActiveConnection(deps.db, { organizationId: record.organizationId, userId: record.connectionUserId });
  if (!conn) throw new DeployBlockedError(RECONNECT_FACEBOOK_MESSAGE, { kind: "auth" });
  if (record.adAccountId && conn.adAccountId !== record.adAccountId) {
    throw new DeployBlockedError(`The connected ad account changed from ${record.adAccountId}; ask for a new plan.`);
  }
  return {
    record,
    plan: campaignPlanSchema.parse(record.structure),
    fb: { accessToken: conn.accessToken, adAccountId: conn.adAccountId },
    pageId: conn.pageId,
  };
}

/**
 * Runs one deployment step: records the failure on the campaign (so the user sees the step and Graph's
 * error even after retries are exhausted) and translates it into Inngest's retry semantics.
 */
async function guarded<T>(deps: Deps, ref: DeployRef, fn: (l: Loaded) => Promise<T>): Promise<T> {
  try {
    return await fn(await load(deps, ref));
  } catch (err) {
    const mapped = toStepError(err);
    const d = mapped instanceof DeployBlockedError ? mapped.details : err instanceof GraphApiError ? { ...err.details, kind: err.kind } : {};
    await deps.db
      .update(campaignRecords)
      .set({ lastError: { step: ref.step, message: mapped.message, code: d.code, subcode: d.subcode, isTransient: d.isTransient, kind: d.kind } })
      .where(eq(campaignRecords.id, ref.campaignId));
    throw mapped;
  }
}

/** The record's slot for one object, filled only while empty: of racing runs the first claim wins, for all of them. */
const claimIn = (deps: Deps, record: CampaignRecord, slot: FacebookIdSlot) => (id: string) =>
  claimFacebookId(deps.db, { campaignId: record.id, slot, value: id });

export function ensureFacebookCampaign(deps: Deps, ref: DeployRef): Promise<Created> {
  return guarded(deps, ref, async ({ record, plan, fb }) => {
    if (record.fbCampaignId) return { id: record.fbCampaignId, created: false };
    const marker = deployMarker(record, "campaign");
    const out = await adoptOrCreate({
      facebook: deps.services.facebook,
      fb,
      kind: "campaign",
      marker,
      claim: claimIn(deps, record, { column: "fbCampaignId" }),
      // PAUSED until every child exists, so a half-built campaign never spends.
      create: async () =>
        (await deps.services.facebook.createCampaign(fb, {
          name: withMarker(plan.name, marker),
          objective: plan.objective,
          status: "PAUSED",
          specialAdCategories: [],
        })).id,
    });
    return out;
  });
}

export function ensureAdSet(deps: Deps, ref: DeployRef & { adSet: number }): Promise<Created> {
  return guarded(deps, ref, async ({ record, plan, fb }) => {
    const key = adSetKey(ref.adSet);
    const stored = record.fbAdSetIds[key];
    if (stored) return { id: stored, created: false };
    if (!record.fbCampaignId) throw new Error("The Facebook campaign must exist before its ad sets");
    const campaignId = record.fbCampaignId;
    const set = plan.adSets[ref.adSet]!;
    const marker = deployMarker(record, `adset-${ref.adSet}`);
    const out = await adoptOrCreate({
      facebook: deps.services.facebook,
      fb,
      kind: "adset",
      parentId: campaignId,
      marker,
      claim: claimIn(deps, record, { column: "fbAdSetIds", key }),
      create: async () =>
        (await deps.services.facebook.createAdSet(fb, {
          name: withMarker(set.name, marker),
          campaignId,
          // Graph takes the account currency's Facebook minor unit (whole yen for JPY), not our hundredths.
          dailyBudgetCents: toGraphAmount(perAdSetBudget(plan, record.currency), record.currency),
          billingEvent: "IMPRESSIONS",
          optimizationGoal: optimizationGoalFor(plan.objective),
          targeting: toGraphTargeting(set.targeting),
          status: "ACTIVE",
        })).id,
    });
    return out;
  });
}

export function ensureAdImage(deps: Deps, ref: DeployRef & { adSet: number; ad: number }): Promise<Created> {
  return guarded(deps, ref, async ({ record, plan, fb }) => {
    const key = adKey(ref.adSet, ref.ad);
    const stored = record.fbImageHashes[key];
    if (stored) return { id: stored, created: false };
    const ad = plan.adSets[ref.adSet]!.ads[ref.ad]!;
    const studio = ad.creative?.imageArtifactId
      ? await loadCreativeImage(deps.db, deps.services.storage, { organizationId: record.organizationId, artifactId: ad.creative.imageArtifactId })
      : null;
    const bytes = studio ?? renderAdImage(`${ad.headline}\n${ad.imagePrompt}`);
    // Kept in our storage too, so the campaign view can show exactly what was uploaded.
    await deps.services.storage.put(`${record.organizationId}/campaigns/${record.id}/${key}.png`, bytes, "image/png");
    const marker = deployMarker(record, `image-${ref.adSet}-${ref.ad}`);
    const out = await adoptOrCreate({
      facebook: deps.services.facebook,
      fb,
      kind: "image",
      marker,
      claim: claimIn(deps, record, { column: "fbImageHashes", key }),
      create: async () => (await deps.services.facebook.uploadImage(fb, { name: `${withMarker(key, marker)}.png`, bytes })).hash,
    });
    return out;
  });
}

export function ensureCreative(deps: Deps, ref: DeployRef & { adSet: number; ad: number; link: string }): Promise<Created> {
  return guarded(deps, ref, async ({ record, plan, fb, pageId }) => {
    const key = adKey(ref.adSet, ref.ad);
    const stored = record.fbCreativeIds[key];
    if (stored) return { id: stored, created: false };
    const imageHash = record.fbImageHashes[key];
    if (!imageHash) throw new Error(`The image for ${key} must be uploaded before its creative`);
    if (!pageId) throw new DeployBlockedError("Ads need a Facebook Page: connect Facebook again and choose a Page, then resume.");
    const ad = plan.adSets[ref.adSet]!.ads[ref.ad]!;
    const marker = deployMarker(record, `creative-${ref.adSet}-${ref.ad}`);
    const out = await adoptOrCreate({
      facebook: deps.services.facebook,
      fb,
      kind: "creative",
      marker,
      claim: claimIn(deps, record, { column: "fbCreativeIds", key }),
      create: async () =>
        (await deps.services.facebook.createCreative(fb, {
          name: withMarker(`${plan.name} — ${ad.name}`, marker),
          pageId,
          imageHash,
          link: ref.link,
          headline: ad.headline,
          primaryText: ad.primaryText,
          callToAction: ad.cta,
        })).id,
    });
    return out;
  });
}

export function ensureAd(deps: Deps, ref: DeployRef & { adSet: number; ad: number }): Promise<Created> {
  return guarded(deps, ref, async ({ record, plan, fb }) => {
    const key = adKey(ref.adSet, ref.ad);
    const stored = record.fbAdIds[key];
    if (stored) return { id: stored, created: false };
    const adSetId = record.fbAdSetIds[adSetKey(ref.adSet)];
    const creativeId = record.fbCreativeIds[key];
    if (!adSetId || !creativeId) throw new Error(`The ad set and creative for ${key} must exist before the ad`);
    const marker = deployMarker(record, `ad-${ref.adSet}-${ref.ad}`);
    const out = await adoptOrCreate({
      facebook: deps.services.facebook,
      fb,
      kind: "ad",
      parentId: adSetId,
      marker,
      claim: claimIn(deps, record, { column: "fbAdIds", key }),
      create: async () =>
        (await deps.services.facebook.createAd(fb, {
          name: withMarker(plan.adSets[ref.adSet]!.ads[ref.ad]!.name, marker),
          adSetId,
          creativeId,
          // Reserve ads wait paused for "rotate creative"; they spend nothing until it turns one on.
          status: plan.adSets[ref.adSet]!.ads[ref.ad]!.reserve ? "PAUSED" : "ACTIVE",
        })).id,
    });
    return out;
  });
}

/**
 * Turns the finished campaign on and records it ACTIVE; a campaign already ACTIVE is left alone. Marked
 * copies the record does not name (a racer's, left by a crash) are deleted first, so they never spend.
 */
export function activateCampaign(deps: Deps, ref: DeployRef): Promise<{ activated: boolean }> {
  return guarded(deps, ref, async ({ record, fb }) => {
    if (record.status === "ACTIVE") return { activated: false };
    if (!record.fbCampaignId) throw new Error("No Facebook campaign to activate");
    // A person turned it off in Ads Manager while it was being built: theirs to turn on, not ours.
    if ((await heldAmong(deps.db, { record, objectIds: [record.fbCampaignId] })).length > 0) {
      throw new DeployBlockedError("Someone turned this campaign off outside the agency (in Ads Manager, for example) while it was being set up, so the agency left it off. If you want it to run, turn it on there and press Resume.");
    }
    await deleteStrayCopies({ facebook: deps.services.facebook, fb, record });
    await deps.services.facebook.updateStatus(fb, record.fbCampaignId, "ACTIVE");
    await deps.db
      .update(campaignRecords)
      .set({ status: "ACTIVE", activatedAt: new Date(), lastError: null })
      .where(and(eq(campaignRecords.id, record.id), inArray(campaignRecords.status, ["APPROVED", "DEPLOYING"])));
    return { activated: true };
  });
}
