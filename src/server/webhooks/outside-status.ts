import type { Db } from "@/server/db";
import { explainedByUs } from "./explained-by-us";
import { changeObjectState, type ObjectState } from "./object-state";
import { readObjectChange, type ReceivedChange } from "./object-change";
import { findOurObjects, type OurObject } from "./our-objects";
import { heldWords, releasedWords } from "./outside-words";
import { tellOwner, type Told } from "./tell-owner";

const OFF = new Set(["PAUSED", "ARCHIVED", "DELETED"]);

export interface OutsideOutcome {
  organizationId: string;
  campaignId: string;
  objectId: string;
  objectType: OurObject["objectType"];
  status: string;
  /** Set when the agency's own write explains it: nothing recorded. */
  explainedBy: string | null;
  changed: boolean;
  told: Told | null;
}

export type OutsideResult = { unmatched: string } | { outcomes: OutsideOutcome[] };

/**
 * A person's "off" holds the object (`heldAt`); their "on" releases it. An ACTIVE on an object that
 * was not held is recorded without a word: Facebook also reports it after a mere edit of the ad.
 */
function outsidePlan(o: OurObject, current: ObjectState | null, change: { status: string; at: Date; dedupeKey: string }) {
  const held = current?.heldAt != null;
  const off = OFF.has(change.status);
  if (off && held && current?.outsideStatus === change.status) return null;
  if (!off && !held && current?.outsideStatus === "ACTIVE") return null;
  const words = off ? heldWords({ label: o.label, status: change.status }) : held ? releasedWords(o) : null;
  return {
    set: { outsideStatus: change.status, heldAt: off ? change.at : null },
    effects: (tx: Parameters<typeof tellOwner>[0]) =>
      words
        ? tellOwner(tx, { object: o, words, kind: "changed-outside", type: off ? "ALERT" : "AGENT_UPDATE", dedupeKey: change.dedupeKey, metadata: { status: change.status } })
        : Promise.resolve(null),
  };
}

/**
 * Records a status Facebook reported for one of our objects, unless the agency's own records explain
 * it, for every organization whose campaign owns it. State, message and notification commit together,
 * once per report; an older report than the stored one changes nothing.
 */
export async function recordOutsideStatus(db: Db, change: ReceivedChange): Promise<OutsideResult> {
  const read = readObjectChange(change);
  if ("unmatched" in read) return read;
  const ours = await findOurObjects(db, { adAccountId: read.adAccountId, objectId: read.objectId });
  if (ours.length === 0) return { unmatched: "no campaign of ours has this object" };
  const outcomes: OutsideOutcome[] = [];
  for (const o of ours) {
    const base = { organizationId: o.record.organizationId, campaignId: o.record.id, objectId: o.objectId, objectType: o.objectType, status: read.status };
    const explainedBy = await explainedByUs(db, { object: o, status: read.status, at: read.at });
    if (explainedBy) {
      outcomes.push({ ...base, explainedBy, changed: false, told: null });
      continue;
    }
    const dedupeKey = `changed-outside:${o.record.organizationId}:${o.objectId}:${read.status}:${change.time}`;
    const moved = await changeObjectState(db, {
      object: o,
      clock: "outsideReportedAt",
      at: read.at,
      plan: (current) => outsidePlan(o, current, { status: read.status, at: read.at, dedupeKey }),
    });
    outcomes.push({ ...base, explainedBy: null, changed: moved.outcome === "changed", told: moved.outcome === "changed" ? moved.result : null });
  }
  return { outcomes };
}
