import { facebookSaid } from "./facebook-said";
import type { RefusedSubscription } from "./subscribe";

const WHAT: Record<RefusedSubscription["target"], { asked: string; lost: string }> = {
  page: {
    asked: "send the agency the leads from your Facebook Page",
    lost: "new leads from your ads will not arrive here on their own, and you will not be told about them",
  },
  "ad-account": {
    asked: "tell the agency about changes on your ad account",
    lost:
      "the agency will not hear at once when Facebook turns down one of your ads, when someone changes your campaigns in Ads Manager, or when Facebook stops your ad account",
  },
};

/** One reconnect covers both targets: the Page needs a login with a role on it, both need their permissions allowed. */
function fix(refused: RefusedSubscription[]): string {
  const missing = refused.filter((r) => r.permission);
  const support = missing.length < refused.length ? " If this keeps happening, contact support." : "";
  if (missing.length === 0) return `To fix it, reconnect Facebook.${support}`;
  const withRole = missing.some((r) => r.target === "page") ? " with a login that has a role on your Page (an admin, for example)" : "";
  const grants = missing.map((r) => (r.target === "page" ? "access to leads and to your Page" : "managing your ads")).join(", and ");
  return `To fix it, reconnect Facebook${withRole} and allow everything Facebook asks for, including ${grants}.${support}`;
}

const joinAnd = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join("; ")}; and ${parts.at(-1)}` : (parts[0] ?? ""));

/**
 * What the owner reads when Facebook refused to deliver webhooks to us: what was refused, what will
 * not work because of it, and what to do. Facebook's own words are added only when it is not a missing
 * permission (those read as jargon; the fix says it plainly).
 */
export function subscriptionRefusedText(refused: RefusedSubscription[]): { title: string; body: string } {
  const targets = new Set(refused.map((r) => r.target));
  const title =
    targets.size > 1
      ? "Leads and ad updates from Facebook will not arrive"
      : targets.has("page")
        ? "New leads will not arrive automatically"
        : "Facebook will not tell us about changes to your ads";
  const said = refused.flatMap((r) => (!r.permission && r.reason ? [facebookSaid(r.reason)] : []));
  const body = [
    `Facebook did not agree to ${refused.map((r) => WHAT[r.target].asked).join(", nor to ")}.`,
    ...said,
    `So ${joinAnd(refused.map((r) => WHAT[r.target].lost))}.`,
    fix(refused),
    ...(targets.has("page") ? ["Until then, new leads are in Meta Business Suite."] : []),
  ];
  return { title, body: body.join(" ") };
}
