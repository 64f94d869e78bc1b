import { searchSimulatedGeoLocations } from "./geo-search";
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { simulatedAdObjects } from "@/server/db/schema";
import { toAdParams, toAdSetParams, toCampaignParams, toCreativeParams } from "./payloads";
import { listDates, simulateAdDay, sumByDate } from "./simulated-insights";
import {
  findMarkedSimulatedObjects,
  findSimulatedObject,
  listSimulatedObjects,
  newGraphId,
  simulatedFaultError,
  takeSimulatedFault,
  throwIfFaultInjected,
  type SimulatedObject,
  type SimulatedOperation,
} from "./simulated-store";
import { GraphApiError, type AccessToken, type AdAccount, type AdAccountContext, type AdPlatform } from "./types";

export const SIMULATED_TOKEN_PREFIX = "SIMULATED-";
export const SIMULATED_AD_ACCOUNTS: AdAccount[] = [
  { id: "act_100000000000001", name: "Simulated ad account (USD)", currency: "USD", accountStatus: 1, timezoneName: "America/New_York" },
  { id: "act_100000000000002", name: "Simulated ad account (EUR)", currency: "EUR", accountStatus: 1, timezoneName: "Europe/Berlin" },
];
/**
 * The simulated account answers every organization alike, so each one sees its own copies of the
 * accounts above: same names and currencies, ids derived from the organization id. Their objects,
 * dev views and per-account flow control (deploy concurrency is keyed by account) then stay apart.
 */
export function simulatedAdAccountsFor(organizationId: string, listed: AdAccount[] = SIMULATED_AD_ACCOUNTS): AdAccount[] {
  return listed.map((a) => ({ ...a, id: simulatedAdAccountId(organizationId, a.id) }));
}

function simulatedAdAccountId(organizationId: string, templateId: string): string {
  const hash = createHash("sha256").update(`${organizationId}:${templateId}`).digest("hex");
  const digits = (BigInt(`0x${hash.slice(0, 24)}`) % 10n ** 15n).toString().padStart(15, "0");
  return `act_1${digits}`;
}

export const SIMULATED_PAGE = { id: "100000000000101", name: "Simulated Facebook Page" };

// Graph's own wording for the errors the simulation raises, so callers handle both the same way.
const invalidParameter = (message: string, subcode?: number) =>
  new GraphApiError(`Graph API error 100${subcode ? `/${subcode}` : ""}: ${message}`, {
    httpStatus: 400, code: 100, subcode, type: "OAuthException", isTransient: false, userMessage: message,
  });
const missingObject = (id: string) =>
  invalidParameter(`Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, 33);

export function createSimulatedAdPlatform(opts: { db: Db; now?: () => Date }): AdPlatform {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());

  function checkToken(accessToken: string) {
    if (!accessToken.startsWith(SIMULATED_TOKEN_PREFIX)) {
      throw new GraphApiError("Graph API error 190: Invalid OAuth access token - Cannot parse access token", {
        httpStatus: 400, code: 190, type: "OAuthException", isTransient: false,
      });
    }
  }

  /**
   * Checks the call and takes a queued fault: an "error" fault throws now, before anything is
   * written; a "lose-response" fault throws from the returned `answer`, which callers run after
   * their write, so the object exists but its id never reaches the caller.
   */
  async function guard(operation: SimulatedOperation, ctx: AdAccountContext) {
    checkToken(ctx.accessToken);
    if (!/^act_\d+$/.test(ctx.adAccountId)) throw missingObject(ctx.adAccountId);
    const fault = await takeSimulatedFault(db, operation, ctx.adAccountId);
    if (fault?.effect === "error") throw simulatedFaultError(fault, operation);
    return <T>(result: T): T => {
      if (fault) throw simulatedFaultError(fault, operation);
      return result;
    };
  }

  async function requireObject(ctx: AdAccountContext, id: string, kind: string) {
    const row = await findSimulatedObject(db, ctx.adAccountId, id, [kind]);
    if (!row) throw missingObject(id);
    return row;
  }

  async function insert(ctx: AdAccountContext, row: { kind: string; parentId?: string; name?: string; status?: string; fields: Record<string, unknown> }) {
    const activated = row.status === "ACTIVE" ? { _activatedAt: now().toISOString() } : {};
    const [created] = await db
      .insert(simulatedAdObjects)
      .values({ id: newGraphId(), adAccountId: ctx.adAccountId, ...row, fields: { ...row.fields, ...activated } })
      .returning({ id: simulatedAdObjects.id });
    return { id: created!.id };
  }

  /**
   * Graph keeps one image per account and content hash: the same bytes uploaded again, even
   * concurrently, add nothing, and the latest upload's name is the one listed.
   */
  async function upsertImage(ctx: AdAccountContext, image: { name: string; hash: string; length: number }) {
    const id = `img_${createHash("sha256").update(`${ctx.adAccountId}:${image.hash}`).digest("hex").slice(0, 24)}`;
    const fields = { hash: image.hash, name: image.name, bytes_length: image.length };
    await db
      .insert(simulatedAdObjects)
      .values({ id, adAccountId: ctx.adAccountId, kind: "image", name: image.name, fields })
      .onConflictDoUpdate({ target: simulatedAdObjects.id, set: { name: image.name, fields } });
  }

  const issueToken = (ttlSeconds: number): AccessToken => ({
    accessToken: `${SIMULATED_TOKEN_PREFIX}${randomBytes(16).toString("hex")}`,
    expiresAt: new Date(now().getTime() + ttlSeconds * 1000),
  });

  return {
    kind: "simulated",

    searchGeoLocations: async (_accessToken, query) => searchSimulatedGeoLocations(query),

    // No Facebook to visit: the "dialog" sends the browser straight back with a simulated code.
    oauthDialogUrl({ state, redirectUri }) {
      const url = new URL(redirectUri);
      url.searchParams.set("code", `sim_${createHash("sha256").update(state).digest("hex").slice(0, 24)}`);
      url.searchParams.set("state", state);
      return url.toString();
    },

    async exchangeCode({ code }) {
      await throwIfFaultInjected(db, "exchangeCode");
      if (!code.startsWith("sim_")) throw invalidParameter("Invalid verification code format.", 36007);
      return issueToken(2 * 3600);
    },

    async extendToken(accessToken) {
      checkToken(accessToken);
      await throwIfFaultInjected(db, "extendToken");
      return issueToken(60 * 24 * 3600);
    },

    async listAdAccounts(accessToken) {
      checkToken(accessToken);
      await throwIfFaultInjected(db, "listAdAccounts");
      return SIMULATED_AD_ACCOUNTS.map((a) => ({ ...a }));
    },

    async listPages(accessToken) {
      checkToken(accessToken);
      await throwIfFaultInjected(db, "listPages");
      return [{ ...SIMULATED_PAGE }];
    },

    async createCampaign(ctx, input) {
      const answer = await guard("createCampaign", ctx);
      if (!input.objective.startsWith("OUTCOME_")) throw invalidParameter(`Invalid objective '${input.objective}'`);
      return answer(await insert(ctx, { kind: "campaign", name: input.name, status: input.status, fields: toCampaignParams(input) }));
    },

    async createAdSet(ctx, input) {
      const answer = await guard("createAdSet", ctx);
      await requireObject(ctx, input.campaignId, "campaign");
      if (input.dailyBudgetCents < 100) throw invalidParameter("Your budget is too low. The minimum daily budget is 1.00.", 1885272);
      const fields = toAdSetParams(input);
      return answer(await insert(ctx, { kind: "adset", parentId: input.campaignId, name: input.name, status: input.status, fields }));
    },

    async uploadImage(ctx, image) {
      const answer = await guard("uploadImage", ctx);
      const hash = createHash("md5").update(image.bytes).digest("hex");
      await upsertImage(ctx, { name: image.name, hash, length: image.bytes.length });
      return answer({ hash });
    },

    async createCreative(ctx, input) {
      const answer = await guard("createCreative", ctx);
      await requireObject(ctx, input.imageHash, "image");
      return answer(await insert(ctx, { kind: "creative", name: input.name, fields: toCreativeParams(input) }));
    },

    async createAd(ctx, input) {
      const answer = await guard("createAd", ctx);
      await requireObject(ctx, input.adSetId, "adset");
      await requireObject(ctx, input.creativeId, "creative");
      return answer(await insert(ctx, { kind: "ad", parentId: input.adSetId, name: input.name, status: input.status, fields: toAdParams(input) }));
    },

    async updateStatus(ctx, objectId, status) {
      const answer = await guard("updateStatus", ctx);
      const row = await findSimulatedObject(db, ctx.adAccountId, objectId, ["campaign", "adset", "ad"]);
      if (!row) throw missingObject(objectId);
      const fields: Record<string, unknown> = { ...row.fields, status };
      if (status === "ACTIVE" && !fields._activatedAt) fields._activatedAt = now().toISOString();
      await db
        .update(simulatedAdObjects)
        .set({ status, fields })
        .where(and(eq(simulatedAdObjects.id, row.id), eq(simulatedAdObjects.adAccountId, ctx.adAccountId)));
      answer(undefined);
    },

    async findMarkedObjects(ctx, query) {
      const answer = await guard("findMarkedObjects", ctx);
      return answer(await findMarkedSimulatedObjects(db, ctx.adAccountId, query));
    },

    // Filled in by the monitoring work (issue 8).
    async getPerformanceBatch() {
      throw new Error("getPerformanceBatch is not implemented yet");
    },
    async readObjects() {
      throw new Error("readObjects is not implemented yet");
    },
    async updateDailyBudget() {
      throw new Error("updateDailyBudget is not implemented yet");
    },

    async getInsights(ctx, objectId, range) {
      const answer = await guard("getInsights", ctx);
      const objects = await listSimulatedObjects(db, ctx.adAccountId);
      const byId = new Map(objects.map((o) => [o.id, o]));
      if (objectId !== ctx.adAccountId && !byId.has(objectId)) throw missingObject(objectId);
      const today = now().toISOString().slice(0, 10);
      const days = deliveringAds(objects, byId, objectId).flatMap(({ ad, budgetCents, startDate }) => {
        const from = startDate > range.since ? startDate : range.since;
        const to = range.until < today ? range.until : today;
        return listDates(from, to).map((date) => simulateAdDay({ adId: ad.id, date, budgetCents }));
      });
      return answer(sumByDate(days));
    },
  };
}

/**
 * Ads under `scopeId` that deliver: the ad, its ad set and campaign all ACTIVE. Each ad gets an
 * equal share of its ad set's daily budget and starts on the day its chain was last activated.
 */
function deliveringAds(objects: SimulatedObject[], byId: Map<string, SimulatedObject>, scopeId: string) {
  const chainOf = (ad: SimulatedObject) => {
    const adSet = ad.parentId ? byId.get(ad.parentId) : undefined;
    const campaign = adSet?.parentId ? byId.get(adSet.parentId) : undefined;
    return adSet && campaign ? { adSet, campaign } : undefined;
  };
  const active = objects.flatMap((ad) => {
    const chain = ad.kind === "ad" ? chainOf(ad) : undefined;
    if (!chain) return [];
    const links = [chain.campaign, chain.adSet, ad];
    if (links.some((o) => o.status !== "ACTIVE")) return [];
    const starts = links.map((o) => String(o.fields._activatedAt ?? ""));
    if (starts.some((s) => !s)) return [];
    return [{ ad, ...chain, startDate: starts.sort().at(-1)!.slice(0, 10) }];
  });
  const adsPerSet = new Map<string, number>();
  for (const a of active) adsPerSet.set(a.adSet.id, (adsPerSet.get(a.adSet.id) ?? 0) + 1);
  return active
    .filter((a) => [a.ad.id, a.adSet.id, a.campaign.id, a.ad.adAccountId].includes(scopeId))
    .map((a) => ({
      ad: a.ad,
      startDate: a.startDate,
      budgetCents: Math.floor(Number(a.adSet.fields.daily_budget ?? 0) / adsPerSet.get(a.adSet.id)!),
    }));
}
