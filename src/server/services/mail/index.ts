import type { Env } from "@/env";
import type { ServiceFactoryInput } from "..";
import type { ServiceStatus } from "../types";
import { createOutboxTransport } from "./outbox-transport";
import { createResendTransport } from "./resend-transport";
import type { MailTransport } from "./types";

export { MailError } from "./types";
export type { MailTransport, OutgoingEmail } from "./types";

export function createMailTransport({ env }: ServiceFactoryInput): MailTransport {
  if (env.RESEND_API_KEY) return createResendTransport({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL });
  return createOutboxTransport();
}

/** True when emails are only recorded, never delivered: the dev mailbox is then the inbox. */
export function isOutboxMail(env: Pick<Env, "RESEND_API_KEY">): boolean {
  return !env.RESEND_API_KEY;
}

export function describeMail(env: Env): ServiceStatus {
  if (env.RESEND_API_KEY) {
    return { service: "mail", implementation: "Resend", simulated: false, detail: "delivered with idempotency keys" };
  }
  return {
    service: "mail",
    implementation: "Outbox (embedded)",
    simulated: true,
    detail: "emails are recorded, not delivered; read them in the dev mailbox",
  };
}
