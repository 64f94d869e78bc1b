import { createHash } from "node:crypto";
import type { Lead } from "./types";

/**
 * Leads of the simulated account are never stored by the simulation: everything about one is
 * written in its leadgen id, `sim-<ad id>-<created unix seconds>-<n>`, and its answers are chosen
 * from the id's hash. The simulated webhook sender makes the id; `getLead` reads it back, so a
 * redelivery, a replay or a second fetch all see the same person. `n` tells apart leads of one ad
 * in the same second. Graph's own ids are digits only, so the `sim-` prefix can never collide.
 */
const LEADGEN_ID = /^sim-(\d{1,20})-(\d{1,12})-(\d{1,6})$/;

export interface SimulatedLeadgenParts {
  adId: string;
  createdTime: Date;
  n: number;
}

export function simulatedLeadgenId(parts: SimulatedLeadgenParts): string {
  if (!/^\d{1,20}$/.test(parts.adId)) throw new Error("A simulated lead needs a numeric ad id");
  if (!Number.isInteger(parts.n) || parts.n < 0 || parts.n > 999_999) throw new Error("n must be an integer from 0 to 999999");
  const unix = Math.floor(parts.createdTime.getTime() / 1000);
  if (!(unix >= 0)) throw new Error("A simulated lead needs a created time after 1970");
  return `sim-${parts.adId}-${unix}-${parts.n}`;
}

/** The parts of a simulated leadgen id; null for anything that is not one (then the lead "does not exist"). */
export function decodeSimulatedLeadgenId(id: string): SimulatedLeadgenParts | null {
  const m = LEADGEN_ID.exec(id);
  if (!m) return null;
  return { adId: m[1]!, createdTime: new Date(Number(m[2]) * 1000), n: Number(m[3]) };
}

/** The lead form of a simulated ad: one per ad, a Graph-shaped id derived from the ad's. */
export function simulatedLeadFormId(adId: string): string {
  return `9${(BigInt(`0x${hash(`form:${adId}`).slice(0, 16)}`) % 10n ** 14n).toString().padStart(14, "0")}`;
}

const FIRST = ["Maya", "Liam", "Sofia", "Noah", "Amara", "Lucas", "Hana", "Mateo", "Zoe", "Elias", "Priya", "Jonas"];
const LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Byrne", "Kowalski", "Reyes"];
const CITIES = ["Austin", "Berlin", "Lisbon", "Toronto", "Leeds", "Lyon", "Denver", "Porto"];

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The answers of a simulated lead, or null when the id is not one. Same id, same person. */
export function simulatedLead(leadgenId: string): Lead | null {
  const parts = decodeSimulatedLeadgenId(leadgenId);
  if (!parts) return null;
  const h = hash(leadgenId);
  const pick = <T>(list: T[], offset: number) => list[parseInt(h.slice(offset, offset + 4), 16) % list.length]!;
  const first = pick(FIRST, 0);
  const last = pick(LAST, 4);
  // 555-01xx numbers are reserved for fiction: nobody real is ever called from a demo.
  const phone = `+1 555 01${String(parseInt(h.slice(8, 12), 16) % 100).padStart(2, "0")}`;
  return {
    id: leadgenId,
    createdTime: parts.createdTime,
    adId: parts.adId,
    formId: simulatedLeadFormId(parts.adId),
    fieldData: [
      { name: "full_name", values: [`${first} ${last}`] },
      { name: "email", values: [`${first}.${last}${parts.n || ""}@example.com`.toLowerCase()] },
      { name: "phone_number", values: [phone] },
      { name: "city", values: [pick(CITIES, 12)] },
    ],
  };
}
