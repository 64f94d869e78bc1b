import { facebookSaid } from "./facebook-said";
import type { OwnerWords } from "./tell-owner";

const said = (reason: string | null) => (reason ? facebookSaid(reason) : "Facebook gave no reason.");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A review that stops an ad (or the group or campaign it is in) from being shown, in plain words. */
export function reviewBlockedWords(o: { label: string; status: string; reason: string | null }): OwnerWords {
  if (o.status === "DISAPPROVED") {
    return {
      title: "Facebook turned down one of your ads",
      message:
        `Facebook reviewed ${o.label} and did not approve it. ${said(o.reason)} ` +
        "It is not shown while it stays turned down; the rest of the campaign keeps running. " +
        "The agency leaves it out of its checks, so it is not counted as a weak ad, and does not turn it on. " +
        "You can change its picture or words in Ads Manager and ask Facebook to review it again; we will tell you when it is approved.",
    };
  }
  return {
    title: "Facebook found a problem with one of your ads",
    message:
      `${cap(o.label)} has a problem Facebook wants fixed. ${said(o.reason)} ` +
      "Until it is fixed it may be shown less or not at all. " +
      "The agency leaves it out of its checks meanwhile, so the numbers it shows do not count against it. " +
      "You can fix it in Ads Manager; we will tell you when Facebook approves it.",
  };
}

/** A review that lets an ad run again after it was turned down or had a problem. */
export function reviewClearedWords(o: { label: string }): OwnerWords {
  return {
    title: "Facebook approved your ad",
    message: `Facebook reviewed ${o.label} again and approved it: it can be shown again, and the agency counts it in its checks from the next update of the numbers.`,
  };
}
