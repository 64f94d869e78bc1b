import { createHash } from "node:crypto";

/**
 * JSON with every object's keys sorted, so two deliveries carrying the same change with its keys in
 * another order hash alike. Only ever given parsed JSON, bounded in depth by the delivery schema.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (input: string | Uint8Array) => createHash("sha256").update(input).digest("hex");

/** The delivery's id: the sha256 of the exact bytes Facebook signed (a redelivery of them is the same delivery). */
export const deliveryIdOf = (raw: Uint8Array) => sha256(raw);

export interface ChangeKey {
  object: string;
  entryId: string;
  time: number;
  field: string;
  value: Record<string, unknown>;
}

/**
 * The change's id, from the change alone: the same change redelivered, on its own or inside another
 * batch, gets the same id, and the engine drops the second event.
 */
export function changeIdOf(c: ChangeKey): string {
  return sha256(canonicalJson([c.object, c.entryId, c.time, c.field, c.value]));
}

export const deliveryEventId = (deliveryId: string) => `fb-delivery-${deliveryId}`;
export const changeEventId = (changeId: string) => `fb-change-${changeId}`;
