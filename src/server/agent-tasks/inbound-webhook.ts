import { z } from "zod";
import type { Keyring } from "@/server/crypto/keys";
import type { Db } from "@/server/db";
import { badRequest, fieldErrors, jsonError, readBytesCapped, safeText } from "@/server/http";
import { findControlCharacter } from "@/server/http/safe-text";
import { SIGNATURE_HEADER, verifyInbound } from "./inbound-signature";
import { issueFields } from "./submit-body";
import { activeWebhookSecrets } from "./webhook-secrets";

/** A signed delivery's body: the delivery id (signed with it) makes a redelivery find its first issue. */
export const inboundDelivery = z.strictObject({ ...issueFields, deliveryId: safeText().min(1, "is required").max(200) });
export type InboundDelivery = z.infer<typeof inboundDelivery>;

export type AcceptedInbound = { ok: true; delivery: InboundDelivery } | { ok: false; response: Response };

/**
 * Verifies before it parses: a missing, malformed, stale or wrong signature is 401 with nothing read
 * into the database, then the body is checked like any other (400 naming the field). The reason a
 * signature failed is not said (it would help a forger), only that it did.
 */
export async function acceptInbound(req: Request, db: Db, keyring: Keyring, organizationId: string, now: Date): Promise<AcceptedInbound> {
  const body = await readBytesCapped(req);
  if (!body.ok) return { ok: false, response: jsonError(413, `Body is larger than ${body.maxBytes} bytes`) };
  const secrets = await activeWebhookSecrets(db, keyring, organizationId, now);
  const verdict = verifyInbound(body.bytes, req.headers.get(SIGNATURE_HEADER), secrets, now);
  if (!verdict.ok) return { ok: false, response: jsonError(401, "Signature missing, stale or invalid") };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body.bytes));
  } catch {
    return { ok: false, response: badRequest([{ field: "(body)", message: "is not valid JSON" }]) };
  }
  const bad = findControlCharacter(json);
  if (bad !== null) return { ok: false, response: badRequest([{ field: bad || "(body)", message: "contains a control character" }]) };
  const parsed = inboundDelivery.safeParse(json);
  if (!parsed.success) return { ok: false, response: badRequest(fieldErrors(parsed.error)) };
  return { ok: true, delivery: parsed.data };
}
