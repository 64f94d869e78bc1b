import { createHash } from "node:crypto";

/**
 * Every object a deployment creates carries a marker of ours in its name, derived only from the
 * campaign record, its plan version and the object's place in the plan. A retry that lost the id of
 * what it created (dropped connection, HTML 5xx, failed database write, crash) finds the object by
 * this marker and adopts it instead of creating a second one.
 */

// Conservative cap below Graph's name limits, so adding the marker never makes a create fail.
const MAX_NAME_LENGTH = 255;

export type MarkerPath =
  | "campaign"
  | `adset-${number}`
  | `image-${number}-${number}`
  | `creative-${number}-${number}`
  | `ad-${number}-${number}`;

/** The part shared by every marker of one campaign version: `[agcy:<12 hex>:`. */
export function campaignMarkerPrefix(record: { id: string; version: number }): string {
  const digest = createHash("sha256").update(`${record.id}:v${record.version}`).digest("hex").slice(0, 12);
  return `[agcy:${digest}:`;
}

/** The closing bracket keeps `adset-1` from matching inside `adset-10`. */
export function deployMarker(record: { id: string; version: number }, path: MarkerPath): string {
  return `${campaignMarkerPrefix(record)}${path}]`;
}

/** The human name followed by the marker; the name is shortened at a word boundary when needed. */
export function withMarker(name: string, marker: string): string {
  const room = MAX_NAME_LENGTH - marker.length - 1;
  if (name.length <= room) return `${name} ${marker}`;
  const cut = name.slice(0, room - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > room / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}… ${marker}`;
}
