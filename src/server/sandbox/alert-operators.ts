import type { Env } from "@/env";
import type { SandboxAlertProps } from "@/emails/index";
import type { Db } from "@/server/db";
import { sendEmail } from "@/server/mail/send-email";
import type { MailTransport } from "@/server/services/mail/types";

export function operatorEmails(env: Pick<Env, "OPERATOR_EMAILS">): string[] {
  return [...new Set(env.OPERATOR_EMAILS.split(",").map((e) => e.trim()).filter(Boolean))];
}

/** One email per operator; the key (from the failed snapshot or run) makes a retried step send nothing twice. */
export async function alertOperators(
  deps: { db: Db; services: { mail: MailTransport } },
  input: { env: Pick<Env, "OPERATOR_EMAILS" | "APP_URL">; key: string; alert: Omit<SandboxAlertProps, "statusUrl"> },
): Promise<number> {
  const to = operatorEmails(input.env);
  for (const address of to) {
    await sendEmail(deps, {
      template: "sandbox-alert",
      props: { ...input.alert, statusUrl: new URL("/status", input.env.APP_URL).toString() },
      to: address,
      idempotencyKey: `sandbox-alert/${input.key}/${address}`,
    });
  }
  return to.length;
}
