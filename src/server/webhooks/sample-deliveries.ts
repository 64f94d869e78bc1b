/**
 * Builders of Facebook webhook bodies in the shapes Facebook sends (see ARCHITECTURE "Facebook
 * webhooks"): the simulated ad account and the dev "send a sample" control post these, signed, to our
 * own endpoint, so the whole path (signature, dedupe, handlers) runs exactly as with Facebook.
 */

export interface WebhookChange {
  field: string;
  value: Record<string, unknown>;
}

export interface WebhookEntry {
  id: string;
  time: number; // unix seconds
  changes: WebhookChange[];
}

export interface WebhookBody {
  object: "ad_account" | "page" | "application";
  entry: WebhookEntry[];
}

/** Facebook leaves the `act_` prefix off ad account ids in webhook entries and values. */
export const accountNumber = (adAccountId: string) => adAccountId.replace(/^act_/, "");

export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export function leadgenChange(opts: { leadgenId: string; pageId: string; formId: string; adId: string; adSetId?: string; createdAt: Date }): WebhookChange {
  return {
    field: "leadgen",
    value: {
      leadgen_id: opts.leadgenId,
      page_id: opts.pageId,
      form_id: opts.formId,
      ad_id: opts.adId,
      ...(opts.adSetId ? { adgroup_id: opts.adSetId } : {}),
      created_time: unixSeconds(opts.createdAt),
    },
  };
}

export function adWithIssuesChange(opts: { adId: string; errorCode: number; summary: string; message: string }): WebhookChange {
  return {
    field: "with_issues_ad_objects",
    value: { id: opts.adId, level: "AD", error_code: opts.errorCode, error_summary: opts.summary, error_message: opts.message },
  };
}

export type SampleLevel = "CAMPAIGN" | "AD_SET" | "AD";

/** An object left IN_PROCESS after an edit: a review outcome (DISAPPROVED…) or a status a person set (PAUSED…). */
export function inProcessChange(opts: { objectId: string; level: SampleLevel; statusName: string }): WebhookChange {
  return { field: "in_process_ad_objects", value: { id: opts.objectId, level: opts.level, status_name: opts.statusName } };
}

/** Graph's account_status codes: 1 ACTIVE, 2 DISABLED, 3 UNSETTLED, 101 CLOSED… */
export function accountStatusChange(opts: { adAccountId: string; accountStatus: number; disableReason?: number }): WebhookChange {
  return {
    field: "account_status",
    value: {
      account_id: accountNumber(opts.adAccountId),
      account_status: opts.accountStatus,
      ...(opts.disableReason !== undefined ? { disable_reason: opts.disableReason } : {}),
    },
  };
}

export const adAccountBody = (adAccountId: string, time: Date, changes: WebhookChange[]): WebhookBody => ({
  object: "ad_account",
  entry: [{ id: accountNumber(adAccountId), time: unixSeconds(time), changes }],
});

export const pageBody = (pageId: string, entries: { time: Date; changes: WebhookChange[] }[]): WebhookBody => ({
  object: "page",
  entry: entries.map((e) => ({ id: pageId, time: unixSeconds(e.time), changes: e.changes })),
});
