import { createHash } from "node:crypto";

/**
 * A UUID-shaped id derived from its inputs, so a retried step writes the same row (and a
 * conflict-ignoring insert makes it idempotent) instead of a second copy.
 */
export function deriveId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
