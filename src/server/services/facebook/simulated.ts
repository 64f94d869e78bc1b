import { searchSimulatedGeoLocations } from "./geo-search";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { simulatedAdObjects } from "@/server/db/schema";
import { toAdParams, toAdSetParams, toCampaignParams, toCreativeParams } from "./payloads";
import { adAccountTimezone, readClockOffsetMs, simulatedChangeTime } from "./simulated-clock";
import { changeSimulatedObject, initialHistory } from "./simulated-history";
import { simulatedLead } from "./simulated-leads";
import { simulatedMonitoring } from "./simulated-monitoring";
import {
  findMarkedSimulatedObjects,
  findSimulatedObject,
  newGraphId,
  simulatedFaultError,
  takeSimulatedFault,
  throwIfFaultInjected,
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

/** The simulated platform, with a count of what would have been Graph HTTP requests (for the benchmark). */
export type SimulatedAdPlatform = AdPlatform & { readonly stats: { requests: number } };

export function createSimulatedAdPlatform(opts: { db: Db; now?: () => Date }): SimulatedAdPlatform {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const stats = { requests: 0 };

  const templateZone = (adAccountId: string) => SIMULATED_AD_ACCOUNTS.find((a) => a.id === adAccountId)?.timezoneName;
  /** The account's own now (its simulated clock) and time zone: its days, activations and pro-rating. */
  async function clock(adAccountId: string) {
    const [offsetMs, timeZone] = await Promise.all([readClockOffsetMs(db, adAccountId), adAccountTimezone(db, adAccountId, templateZone(adAccountId))]);
    return { now: new Date(now().getTime() + offsetMs), timeZone };
  }
  const changeTime = (adAccountId: string) => simulatedChangeTime(db, adAccountId, now(), templateZone(adAccountId));

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
    const history = initialHistory(row, await changeTime(ctx.adAccountId));
    const [created] = await db
      .insert(simulatedAdObjects)
      .values({ id: newGraphId(), adAccountId: ctx.adAccountId, ...row, fields: { ...row.fields, ...history } })
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
    stats,

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

    // Derived from the id alone (see simulated-leads.ts); a "getLead" fault plays a throttle or an outage.
    async getLead(accessToken, leadgenId) {
      checkToken(accessToken);
      await throwIfFaultInjected(db, "getLead");
      const lead = simulatedLead(leadgenId);
      if (!lead) throw missingObject(leadgenId);
      return lead;
    },

    // The simulated account posts its own webhooks to our endpoint (deliver-simulated), so there is
    // nothing to subscribe and nothing to record; a queued fault plays Graph's refusals.
    async subscribePageToLeads(accessToken) {
      checkToken(accessToken);
      await throwIfFaultInjected(db, "subscribePageToLeads");
    },

    async subscribeAdAccountToApp(ctx) {
      checkToken(ctx.accessToken);
      await throwIfFaultInjected(db, "subscribeAdAccountToApp", ctx.adAccountId);
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
      await changeSimulatedObject(db, row, { status }, await changeTime(ctx.adAccountId));
      answer(undefined);
    },

    async findMarkedObjects(ctx, query) {
      const answer = await guard("findMarkedObjects", ctx);
      return answer(await findMarkedSimulatedObjects(db, ctx.adAccountId, query));
    },

    ...simulatedMonitoring({ db, guard, clock, changeTime, missingObject, invalidParameter, countRequest: () => void stats.requests++ }),
  };
}
