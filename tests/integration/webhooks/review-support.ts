import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { campaignRecords, facebookObjectStates, messages, notifications } from "@/server/db/schema";
import type { ReceivedChange } from "@/server/webhooks/object-change";
import { AD_ACCOUNT, seedLiveCampaign, type LiveCampaign } from "../optimization/support";

export { AD_ACCOUNT };

/** Facebook's entry id for our account: the number, without `act_`. */
export const ENTRY_ID = AD_ACCOUNT.replace("act_", "");

export const PLAN = {
  name: "Bakery leads",
  adSets: [
    {
      name: "Parents nearby",
      ads: [
        { name: "Morning loaf", headline: "Fresh bread by 8am" },
        { name: "Weekly box", headline: "Sourdough every week" },
        { name: "Gift", headline: "Give a loaf" },
      ],
    },
  ],
};

export interface AdCampaign extends LiveCampaign {
  ids: { campaign: string; adSet: string; ads: [string, string, string] };
}

/** An ACTIVE campaign of one ad set and three ads, ids stored as deploy stores them, names from PLAN. */
export async function seedAdCampaign(db: Db, name: string, opts: Parameters<typeof seedLiveCampaign>[2] & { ids?: AdCampaign["ids"] } = {}): Promise<AdCampaign> {
  const c = await seedLiveCampaign(db, name, opts);
  const p = name.replace(/\W/g, "");
  const ids = opts.ids ?? { campaign: opts.fbCampaignId ?? "cmp-1", adSet: `${p}-as`, ads: [`${p}-ad0`, `${p}-ad1`, `${p}-ad2`] as [string, string, string] };
  await db
    .update(campaignRecords)
    .set({
      structure: PLAN,
      fbCampaignId: ids.campaign,
      fbAdSetIds: { "adset-0": ids.adSet },
      fbAdIds: { "ad-0-0": ids.ads[0], "ad-0-1": ids.ads[1], "ad-0-2": ids.ads[2] },
    })
    .where(eq(campaignRecords.id, c.campaignId));
  return { ...c, ids };
}

let seq = 0;
/** One `facebook/webhook.received` change about an ad account object. */
export function change(field: string, value: Record<string, unknown>, time: number, entryId = ENTRY_ID): ReceivedChange {
  return { changeId: `chg-${++seq}-${time}`, entryId, time, field, value };
}

export const disapproved = (id: string, time: number) => change("in_process_ad_objects", { id, level: "AD", status_name: "DISAPPROVED" }, time);
export const withIssues = (id: string, time: number, summary = "Ad uses text that breaks the rules") =>
  change("with_issues_ad_objects", { id, level: "AD", error_code: 1487, error_summary: summary, error_message: "Remove the before-and-after claim." }, time);
export const statusChange = (id: string, status: string, time: number, level = "AD") => change("in_process_ad_objects", { id, level, status_name: status }, time);

/** Everything the handlers write for one organization: the object rows, the messages and notifications about it. */
export async function written(db: Db, c: LiveCampaign) {
  const states = await db.select().from(facebookObjectStates).where(eq(facebookObjectStates.organizationId, c.organizationId));
  const posted = await db.select().from(messages).where(and(eq(messages.organizationId, c.organizationId), eq(messages.conversationId, c.conversationId)));
  const told = posted.filter((m) => ["ad-review", "changed-outside"].includes(String((m.metadata as { kind?: string } | null)?.kind)));
  const bell = await db.select().from(notifications).where(eq(notifications.organizationId, c.organizationId));
  return { states, messages: told, notifications: bell.filter((n) => n.dedupeKey.startsWith("ad-review:") || n.dedupeKey.startsWith("changed-outside:")) };
}
