import { money } from "@/server/performance/plain-words";

/** Why the policy did not let an action run alone, in the owner's words (the `policyNote`). */

const pct = (moneyCents: number, totalCents: number) =>
  `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(totalCents > 0 ? (moneyCents * 100) / totalCents : 100)}%`;

const ALWAYS_ASK_NOTES: Record<string, string> = {
  PAUSE_CAMPAIGN: "Pausing a whole campaign always waits for your OK.",
  CHANGE_AUDIENCE: "Changing who sees your ads always waits for your OK.",
  LAUNCH_CAMPAIGN: "Launching a new campaign always waits for your OK.",
  RESUME_CAMPAIGN: "Turning a campaign back on always waits for your OK.",
  CHANGE_BUDGET: "A budget change you ask for in the chat always waits for your OK on its card.",
};

export const policyNotes = {
  blocked: (o: { moneyCents: number; totalCents: number; limit: number }) =>
    `This would move ${pct(o.moneyCents, o.totalCents)} of the daily budget; your settings block changes above ${o.limit}%, so it will not be made.`,
  alwaysAsk: (kind: string) => ALWAYS_ASK_NOTES[kind] ?? "Launching a new campaign always waits for your OK.",
  raiseAboveLimit: (o: { moneyCents: number; totalCents: number; limit: number }) =>
    `This raises the daily budget by ${pct(o.moneyCents, o.totalCents)}; raises above ${o.limit}% wait for your OK.`,
  moveAboveLimit: (o: { moneyCents: number; totalCents: number; limit: number }) =>
    `This moves ${pct(o.moneyCents, o.totalCents)} of the daily budget; your settings let the agency move up to ${o.limit}% on its own.`,
  suggestOnly: () => "Your settings ask the agency to suggest changes, not to make them.",
  dailyCap: (o: { usedCents: number; moneyCents: number; capCents: number; currency: string }) =>
    `With this, changes made without you today would move ${money(o.usedCents + o.moneyCents, o.currency)}, ` +
    `more than your daily limit of ${money(o.capCents, o.currency)}.`,
  dryRun: (o: { wouldHave: "autonomous" | "approval" | "blocked"; note?: string }) =>
    "Dry run: recorded, nothing changed. " +
    (o.wouldHave === "autonomous" ? "It would have been made right away." : o.wouldHave === "approval" ? "It would have waited for your OK." : "It would have been blocked.") +
    (o.note ? ` ${o.note}` : ""),
};
