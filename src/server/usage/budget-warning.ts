import { and, eq } from "drizzle-orm";
import { env } from "@/env";
import type { Db } from "@/server/db/client";
import { memberships, organizations, usageBudgets, users } from "@/server/db/schema";
import { sendEmail } from "@/server/mail/send-email";
import { createNotification } from "@/server/notifications/notifications";
import type { MailTransport } from "@/server/services/mail/types";
import { currentMonth, loadBudgetState, type BudgetState } from "./budget";
import { formatMicroUsd } from "./money";

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/**
 * The month's budget state, warning the owners (a notification and an email each) the first time it reads
 * 80% or more. Every write is keyed by organization, month and owner, so concurrent crossings send one of
 * each; the month is stored after, so later checks skip the work (a crash in between sends nothing twice).
 */
export async function checkBudgetAndWarn(
  deps: { db: Db; services: { mail: MailTransport } },
  input: { organizationId: string; now?: Date },
): Promise<BudgetState> {
  const month = currentMonth(input.now);
  const state = await loadBudgetState(deps.db, { organizationId: input.organizationId, month });
  if (state.state === "ok" || state.budgetMicroUsd === null) return state;
  const [budget] = await deps.db.select({ warnedMonth: usageBudgets.warnedMonth }).from(usageBudgets).where(eq(usageBudgets.organizationId, input.organizationId));
  if (budget?.warnedMonth === month) return state;

  const owners = await deps.db
    .select({ userId: users.id, email: users.email, organizationName: organizations.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.organizationId, input.organizationId), eq(memberships.role, "OWNER")));
  const figures = { spent: formatMicroUsd(state.spentMicroUsd), budget: formatMicroUsd(state.budgetMicroUsd), percent: Math.floor(state.percent ?? 0) };
  for (const owner of owners) {
    const key = `usage-budget-warning:${input.organizationId}:${month}:${owner.userId}`;
    await createNotification(deps.db, {
      organizationId: input.organizationId,
      userId: owner.userId,
      type: "ALERT",
      title: `${figures.percent}% of this month's budget used`,
      body: `${figures.spent} of ${figures.budget} spent on models, sandboxes, storage and email. At 100% new creative, app and agent work is refused.`,
      link: "/usage",
      dedupeKey: key,
    });
    await sendEmail(deps, {
      template: "usage-budget-warning",
      props: { organizationName: owner.organizationName, monthLabel: monthLabel(month), ...figures, usageUrl: `${env().APP_URL}/usage` },
      to: owner.email,
      idempotencyKey: key,
      organizationId: input.organizationId,
      recipientUserId: owner.userId,
    });
  }
  await deps.db.update(usageBudgets).set({ warnedMonth: month }).where(eq(usageBudgets.organizationId, input.organizationId));
  return state;
}
