import type { GeoLocationMatch, GeoSearchQuery } from "./geo-search";

export const GRAPH_API_VERSION = "v26.0";

export type ObjectStatus = "ACTIVE" | "PAUSED" | "DELETED" | "ARCHIVED";

export interface AdAccount {
  id: string; // act_<number>
  name: string;
  currency: string;
  accountStatus: number;
  timezoneName?: string;
}

export interface AccessToken {
  accessToken: string;
  /** null when the token does not expire. */
  expiresAt: Date | null;
}

export interface AdAccountContext {
  accessToken: string;
  adAccountId: string;
}

export interface CampaignInput {
  name: string;
  objective: string; // OUTCOME_*
  status: ObjectStatus;
  specialAdCategories: string[];
}

export interface AdSetInput {
  name: string;
  campaignId: string;
  dailyBudgetCents: number;
  billingEvent: string;
  optimizationGoal: string;
  targeting: Record<string, unknown>;
  status: ObjectStatus;
  startTime?: string;
}

export interface CreativeInput {
  name: string;
  pageId: string;
  imageHash: string;
  link: string;
  headline: string;
  primaryText: string;
  callToAction: string;
}

export interface AdInput {
  name: string;
  adSetId: string;
  creativeId: string;
  status: ObjectStatus;
}

/** Kinds of object we create and can find again by the marker in their name. */
export type MarkedKind = "campaign" | "adset" | "image" | "creative" | "ad";

export interface MarkedObjectQuery {
  kind: MarkedKind;
  /** The campaign for ad sets, the ad set for ads; campaigns, images and creatives live on the account. */
  parentId?: string;
  /** Matched as a substring of the object's name. */
  marker: string;
}

/** A live (not DELETED) object whose name carries a marker; for images `id` is the image hash. */
export interface MarkedObject {
  id: string;
  name: string;
  status?: string;
}

export interface InsightsRow {
  dateStart: string;
  dateStop: string;
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  ctr: number;
  conversions: number;
  /** Impressions per person reached, for the day (Graph's `frequency`). */
  frequency?: number;
  /** Value of the conversions (purchase value), hundredths of the account currency: ROAS = value / spend. */
  conversionValueCents?: number;
}

export type PerformanceLevel = "campaign" | "adset" | "ad";

/** One object to pull in a batch: its fields (status, budget, creative) and its daily insights. */
export interface PerformanceQuery {
  objectId: string;
  level: PerformanceLevel;
}

/** An object as Graph shows it now, with its insights for the range (one row per day). */
export interface ObjectPerformance {
  objectId: string;
  level: PerformanceLevel;
  status: string;
  effectiveStatus?: string;
  /** Ad sets only. */
  dailyBudgetCents?: number;
  /** Ads only. */
  creativeId?: string;
  days: InsightsRow[];
  /** The sub-response body as Graph sent it (for debugging; carries no token). */
  raw: unknown;
}

/** A sub-request's outcome: a failed one is retried alone by the caller, never the whole batch. */
export type PerformanceResult =
  | { objectId: string; ok: true; value: ObjectPerformance }
  | { objectId: string; ok: false; error: GraphApiError };

/** Live values read right before a change, for compare-and-set. */
export interface LiveObject {
  id: string;
  status: string;
  dailyBudgetCents?: number;
}

/** A Lead Ads lead as Graph returns it: the person's answers, one entry per form question. */
export interface Lead {
  id: string;
  createdTime: Date;
  adId?: string;
  formId?: string;
  /** Personal data (name, email, phone…): stored for the owner, never logged nor put in step output. */
  fieldData: { name: string; values: string[] }[];
}

/** Graph's batch API takes at most 50 sub-requests per HTTP request. */
export const GRAPH_BATCH_LIMIT = 50;

export interface AdPlatform {
  readonly kind: "graph" | "simulated";
  oauthDialogUrl(opts: { state: string; redirectUri: string; scopes: string[] }): string;
  exchangeCode(opts: { code: string; redirectUri: string }): Promise<AccessToken>;
  extendToken(accessToken: string): Promise<AccessToken>;
  listAdAccounts(accessToken: string): Promise<AdAccount[]>;
  listPages(accessToken: string): Promise<{ id: string; name: string }[]>;
  createCampaign(ctx: AdAccountContext, input: CampaignInput): Promise<{ id: string }>;
  createAdSet(ctx: AdAccountContext, input: AdSetInput): Promise<{ id: string }>;
  uploadImage(ctx: AdAccountContext, image: { name: string; bytes: Buffer }): Promise<{ hash: string }>;
  createCreative(ctx: AdAccountContext, input: CreativeInput): Promise<{ id: string }>;
  createAd(ctx: AdAccountContext, input: AdInput): Promise<{ id: string }>;
  updateStatus(ctx: AdAccountContext, objectId: string, status: ObjectStatus): Promise<void>;
  /** Our objects on the parent's edge whose name contains `marker`, DELETED ones left out. */
  findMarkedObjects(ctx: AdAccountContext, query: MarkedObjectQuery): Promise<MarkedObject[]>;
  getInsights(ctx: AdAccountContext, objectId: string, range: { since: string; until: string }): Promise<InsightsRow[]>;
  /**
   * One HTTP request (Graph batch) for up to GRAPH_BATCH_LIMIT objects: fields and daily insights of
   * each. Throws only when the whole request fails; a failed sub-request comes back as `ok: false`.
   */
  getPerformanceBatch(
    ctx: AdAccountContext,
    queries: PerformanceQuery[],
    range: { since: string; until: string },
  ): Promise<PerformanceResult[]>;
  /** Current status (and ad set daily budget) of each object, read fresh. */
  readObjects(ctx: AdAccountContext, objectIds: string[]): Promise<LiveObject[]>;
  updateDailyBudget(ctx: AdAccountContext, adSetId: string, dailyBudgetCents: number): Promise<void>;
  /**
   * One Lead Ads lead (`GET /{leadgen_id}`), read with a token of someone who manages the page (the
   * `leads_retrieval` permission). A deleted or unknown lead throws Graph's code 100 subcode 33.
   */
  getLead(accessToken: string, leadgenId: string): Promise<Lead>;
  /**
   * Subscribes our app to the Page's `leadgen` webhooks (`POST /{page}/subscribed_apps`), so Facebook
   * delivers its leads to us. Graph wants the Page's own token for that: it is read with the user token
   * (`pages_show_list`, `pages_manage_metadata`, a role on the Page) and used once, never returned.
   * Idempotent on Graph's side: subscribing again changes nothing.
   */
  subscribePageToLeads(accessToken: string, pageId: string): Promise<void>;
  /** Subscribes our app to the ad account's webhooks (`POST /act_…/subscribed_apps`, `ads_management`). Idempotent. */
  subscribeAdAccountToApp(ctx: AdAccountContext): Promise<void>;
  /** Graph's targeting search: the geo keys Facebook knows for a place name. */
  searchGeoLocations(accessToken: string, query: GeoSearchQuery): Promise<GeoLocationMatch[]>;
}

/** What a caller should do about a Graph failure. */
export type GraphErrorKind = "auth" | "rate-limit" | "transient" | "permanent";

// Throttling codes Graph returns in the error body, usually with HTTP 400, not 429.
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isBusinessUseCaseThrottle = (code: number) => code >= 80000 && code <= 80014;
// 190: token invalid/expired/revoked (subcodes 458 app removed, 460 password changed, 463 expired, 467 invalid);
// 102: session key invalid. Both need the person to log in again, retrying cannot help.
const AUTH_CODES = new Set([190, 102]);

/**
 * Back off (rate-limit), retry (transient), ask the person to reconnect Facebook (auth), or stop and
 * show Graph's reason (permanent). Branches on Graph's code, not the HTTP status: throttles arrive as 400s.
 */
export function classifyGraphError(e: { code: number; isTransient: boolean; httpStatus: number }): GraphErrorKind {
  if (RATE_LIMIT_CODES.has(e.code) || isBusinessUseCaseThrottle(e.code)) return "rate-limit";
  if (AUTH_CODES.has(e.code)) return "auth";
  if (e.isTransient || e.code === 1 || e.code === 2 || e.httpStatus >= 500 || e.httpStatus === 0) return "transient";
  return "permanent";
}

/** Graph's error body, typed, with its kind. Rate limits arrive as codes in the body, often not as HTTP 429. */
export class GraphApiError extends Error {
  constructor(
    message: string,
    readonly details: {
      httpStatus: number;
      code: number;
      subcode?: number;
      type?: string;
      isTransient: boolean;
      fbtraceId?: string;
      userTitle?: string;
      userMessage?: string;
      /** How long Graph asked us to wait (usage headers or Retry-After), when it said. */
      retryAfterMs?: number;
    },
  ) {
    super(message);
    this.name = "GraphApiError";
  }

  get kind(): GraphErrorKind {
    return classifyGraphError(this.details);
  }
}
