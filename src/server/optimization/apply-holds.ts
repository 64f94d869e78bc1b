import { getCampaign } from "@/server/campaigns/records";
import type { Db } from "@/server/db";
import { heldAmong } from "@/server/webhooks/holds";
import { describeObject } from "@/server/webhooks/our-objects";
import type { OptimizationAction } from "./ledger";

/**
 * Why the action may not touch Facebook because a person turned off one of its objects outside
 * Aigency (or the ad set or campaign above it), or null. Checked before anything is read or written:
 * the live compare alone would turn on an ad paused since the proposal if "before" said PAUSED.
 */
export async function holdRefusal(db: Db, action: OptimizationAction, objectIds: string[]): Promise<string | null> {
  const record = await getCampaign(db, { organizationId: action.organizationId, campaignId: action.campaignId });
  if (!record) return null;
  const [first, ...more] = await heldAmong(db, { record, objectIds });
  if (!first) return null;
  const label = describeObject(record, first)?.label ?? "something this change touches";
  const others = more.length ? ` (and ${more.length} more of the objects it touches)` : "";
  return `Someone turned off ${label}${others} outside the agency (in Ads Manager, for example), so nothing was changed: the agency never turns back on or changes what a person turned off.`;
}
