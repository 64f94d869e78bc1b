import type { CampaignRecord } from "@/server/campaigns/records";
import { accountNow } from "@/server/performance/account-clock";
import { accountDay } from "@/server/performance/account-time";
import { accountTimezone } from "@/server/performance/account-timezone";
import type { ToolContext, ToolResult } from "../types";
import { findLiveCampaign, loadCampaignState, type CampaignState } from "./live-campaign";
import { earlierAttempt, pendingRequest, type OwnerRequest } from "./propose";

export const NO_CAMPAIGN = "There is no campaign running or paused on Facebook for this project yet, so there is nothing to change.";

export interface Found {
  record: CampaignRecord;
  state: CampaignState;
  /** The latest pulled day, else the account's today. */
  snapshotDate: string;
  totalDailyBudgetCents: number;
}

/**
 * The project's live campaign and what we last knew of it, or the result to answer with: what an
 * earlier attempt of this call recorded, or the plain reason the tool cannot go on.
 */
export async function findCampaignFor(ctx: ToolContext, kind: OwnerRequest["kind"]): Promise<Found | ToolResult> {
  const earlier = await earlierAttempt(ctx);
  if (earlier) return earlier;
  const record = await findLiveCampaign(ctx.deps.db, { organizationId: ctx.organizationId, projectId: ctx.projectId });
  if (!record) return { status: "refused", summary: NO_CAMPAIGN };
  const pending = await pendingRequest(ctx, { campaignId: record.id, kind });
  if (pending) {
    return {
      status: "refused",
      summary: "The same kind of change for this campaign is already waiting for your OK (or being made); answer that card first.",
    };
  }
  const state = await loadCampaignState(ctx.deps.db, record);
  const timeZone = await accountTimezone(ctx.deps.db, { organizationId: ctx.organizationId, adAccountId: record.adAccountId! });
  const snapshotDate = state.snapshotDate ?? accountDay(await accountNow(ctx.deps, record.adAccountId!), timeZone);
  const totalDailyBudgetCents = state.adSets.reduce((s, a) => s + a.dailyBudgetCents, 0);
  return { record, state, snapshotDate, totalDailyBudgetCents };
}

export const isRefusal = (x: Found | ToolResult): x is ToolResult => "status" in x && "summary" in x;

/** The owner's own words, kept short, quoted in the card's reason (never read as an instruction). */
export function ownerWords(reason: string | undefined): string {
  const said = reason?.replace(/\s+/g, " ").trim();
  return said ? ` You said: “${said.slice(0, 300)}”.` : "";
}

/** Running on Facebook as far as we know: our record, the latest pull, and no person's "off" since. */
export function runsOnFacebook(f: Found): boolean {
  return f.record.status === "ACTIVE" && !f.state.heldOutside && f.state.pulledStatus !== "PAUSED";
}
