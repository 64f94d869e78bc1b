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

export interface InsightsRow {
  dateStart: string;
  dateStop: string;
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  ctr: number;
  conversions: number;
}

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
  getInsights(ctx: AdAccountContext, objectId: string, range: { since: string; until: string }): Promise<InsightsRow[]>;
  /** Graph's targeting search: the geo keys Facebook knows for a place name. */
  searchGeoLocations(accessToken: string, query: GeoSearchQuery): Promise<GeoLocationMatch[]>;
}

/** Graph's error body, typed. Rate limits arrive as codes in the body, often not as HTTP 429. */
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
      /** From X-Business-Use-Case-Usage / X-App-Usage when Graph says how long to wait. */
      retryAfterMs?: number;
    },
  ) {
    super(message);
    this.name = "GraphApiError";
  }
}
