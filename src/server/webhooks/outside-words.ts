import type { OwnerWords } from "./tell-owner";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const VERB: Record<string, string> = { PAUSED: "paused", ARCHIVED: "archived", DELETED: "deleted" };

/** A person turned an object off outside Aigency: the agency keeps its hands off it. */
export function heldWords(o: { label: string; status: string }): OwnerWords {
  const verb = VERB[o.status] ?? "turned off";
  const after =
    o.status === "PAUSED"
      ? "Turn it on again in Ads Manager whenever you want it to run; we will notice and include it in our checks again."
      : "It stays off for good; if that was a mistake, ask us for a new version of the campaign.";
  return {
    title: `Someone ${verb} ${o.label} outside Aigency`,
    message:
      `${cap(o.label)} was ${verb} in Ads Manager (or another Facebook tool), not by the agency. ` +
      "We respect that: the agency will not turn it back on, change its budget, or count its numbers in its checks. " +
      after,
  };
}

/** A person turned on again what they (or someone) had turned off outside Aigency. */
export function releasedWords(o: { label: string }): OwnerWords {
  return {
    title: `${cap(o.label)} is on again`,
    message:
      `${cap(o.label)} was turned on again outside Aigency, so it can be shown again. ` +
      "The agency counts it in its checks again from the next update of the numbers, and tells you if it does poorly.",
  };
}
