import type { AccountStanding } from "./account-status";

/** What the owner reads (message, notification, email): what happened, what it means, what to do. */
export interface StandingWords {
  title: string;
  happened: string;
  means: string;
  todo: string;
}

const PAUSED_MEANS =
  "Your ads are not running on Facebook now. The agency has stopped its work on this ad account: it launches nothing and changes nothing there until Facebook reopens it. It picks up again by itself when that happens.";

const HAPPENED: Record<string, { title: string; happened: string; todo: string }> = {
  DISABLED: {
    title: "Facebook disabled your ad account",
    happened: "Facebook disabled your ad account",
    todo: "Open Account Quality in Facebook's Business settings (business.facebook.com/accountquality), read what Facebook says there and request a review if you think it is a mistake.",
  },
  UNSETTLED: {
    title: "Your ad account has an unpaid balance",
    happened: "Facebook stopped your ad account because a payment did not go through, so there is an outstanding balance",
    todo: "Pay the outstanding balance in Billing and payments in Facebook's Ads Manager, and check that your payment method is up to date.",
  },
  PENDING_RISK_REVIEW: {
    title: "Facebook is reviewing your ad account",
    happened: "Facebook is reviewing your ad account and has stopped its ads while it does",
    todo: "Open Account Quality in Facebook's Business settings and answer anything Facebook asks for there (often a check of your payment details).",
  },
  PENDING_SETTLEMENT: {
    title: "Facebook is waiting for a payment",
    happened: "Facebook is waiting for a payment on your ad account to go through and has stopped its ads meanwhile",
    todo: "Check Billing and payments in Facebook's Ads Manager: make sure the payment method works and pay anything that is due.",
  },
  PENDING_CLOSURE: {
    title: "Your ad account is being closed",
    happened: "Your ad account is being closed on Facebook",
    todo: "If you did not ask for this, contact Facebook's support from Business settings. To keep advertising, reconnect Facebook and pick another ad account.",
  },
  CLOSED: {
    title: "Your ad account was closed",
    happened: "Your ad account was closed on Facebook",
    todo: "If you did not close it, contact Facebook's support from Business settings. To keep advertising, reconnect Facebook and pick another ad account.",
  },
};
HAPPENED.ANY_CLOSED = HAPPENED.CLOSED!;

/** The words for a stopping status (DISABLED, UNSETTLED, CLOSED…). */
export function pausedWords(standing: Pick<AccountStanding, "status" | "reason">): StandingWords {
  const w = HAPPENED[standing.status] ?? HAPPENED.DISABLED!;
  const because = standing.reason ? ` because ${standing.reason}` : "";
  return { title: w.title, happened: `${w.happened}${because}.`, means: PAUSED_MEANS, todo: w.todo };
}

/** The words for an account that is running again. */
export function resumedWords(): StandingWords {
  return {
    title: "Your ad account is running again",
    happened: "Facebook says your ad account is in good standing again.",
    means: "Your ads can run again, and the agency has picked up its work on this account: it watches the numbers and makes its changes as before.",
    todo: "Nothing, unless something did not launch while the account was stopped: you can launch it now with Resume in the chat.",
  };
}

/** The chat message: a title line like the agency's other messages, then one paragraph. */
export const standingText = (w: StandingWords) => `${w.title}\n\n${w.happened} ${w.means} What to do: ${w.todo}`;
