import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, optimizationActions, usageLedger } from "@/server/db/schema";
import { sendEmail } from "@/server/mail/send-email";
import { finishApply } from "@/server/optimization/apply-record";
import { createOutboxTransport } from "@/server/services/mail/outbox-transport";
import { createTestDb } from "../../support/db";
import { decision, record, seedLiveCampaign, type LiveCampaign } from "../optimization/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let c: LiveCampaign;

/**
 * A failure after the ledger row is inserted: a deferred constraint trigger that raises at commit for keys
 * ending in ":fail" (the side effect happened, its transaction then failed).
 */
async function failCommitsOfFailKeys() {
  // One statement per call: PGlite's extended protocol takes one at a time.
  await handle.db.execute(sql.raw(`create or replace function usage_fail_commit() returns trigger language plpgsql as $$
    begin raise exception 'injected failure after the ledger insert'; end $$`));
  await handle.db.execute(sql.raw(`create constraint trigger usage_fail_commit after insert on usage_ledger deferrable initially deferred
    for each row when (new.dedupe_key like '%:fail%') execute function usage_fail_commit()`));
}

beforeAll(async () => {
  handle = await createTestDb();
  c = await seedLiveCampaign(handle.db, "Side effects");
  await failCommitsOfFailKeys();
});
afterAll(() => handle.close());

const mail = (idempotencyKey: string) =>
  sendEmail(
    { db: handle.db, services: { mail: createOutboxTransport() }, mailFrom: "Aigency <agency@aigency.test>" },
    {
      template: "approval-needed",
      props: { projectName: "P", campaignName: "C", dailyBudgetCents: 100, currency: "USD", approveUrl: "http://localhost:3000/x" },
      to: "owner@example.test",
      idempotencyKey,
      organizationId: c.organizationId,
      projectId: c.projectId,
    },
  );
const ledgerRows = (dedupeKey: string) => handle.db.select().from(usageLedger).where(eq(usageLedger.dedupeKey, dedupeKey));

describe("EMAIL rows", () => {
  it("one row per email sent, however many concurrent sends of the same key", async () => {
    await Promise.all([mail("mail:1"), mail("mail:1"), mail("mail:1")]);
    expect(await ledgerRows("email:mail:1")).toMatchObject([
      { kind: "EMAIL", quantity: 1, costMicroUsd: 400, feature: "notifications", projectId: c.projectId, organizationId: c.organizationId },
    ]);
  });

  it("no row when the outbox transaction fails after the row insert", async () => {
    await expect(mail("mail:fail")).rejects.toThrow(/injected failure/);
    expect(await ledgerRows("email:mail:fail")).toEqual([]);
    expect(await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, "mail:fail"))).toEqual([]);
  });
});

describe("AD_SPEND_DELTA rows", () => {
  async function applying(budgets: { before: number; after: number }, key = `raise:${Math.random()}`) {
    const action = await record(
      handle.db,
      c,
      decision({ kind: "RAISE_BUDGET", objectType: "adset", objectId: "as-1", objectIds: ["as-1"], before: { dailyBudgets: { "as-1": budgets.before } }, after: { dailyBudgets: { "as-1": budgets.after } }, idempotencyKey: key }),
    );
    const [row] = await handle.db.update(optimizationActions).set({ status: "APPLYING", applyClaimedBy: "run-1" }).where(eq(optimizationActions.id, action.id)).returning();
    return row!;
  }
  const finish = (action: Awaited<ReturnType<typeof applying>>) => finishApply(handle.db, { action, status: "APPLIED", outcome: "Done", now: new Date() });

  it("an applied budget change records its before → after delta in micros, once across concurrent finishers", async () => {
    const action = await applying({ before: 2_000, after: 2_500 });
    await Promise.all([finish(action), finish(action), finish(action)]);
    expect(await ledgerRows(`optimization-action:${action.id}:ad-spend`)).toMatchObject([
      { kind: "AD_SPEND_DELTA", quantity: 5_000_000, costMicroUsd: 0, feature: "optimization", projectId: c.projectId, runId: "run-1" },
    ]);
  });

  it("a pause (no budget) or a failed apply records nothing", async () => {
    const pause = await record(handle.db, c, decision());
    await handle.db.update(optimizationActions).set({ status: "APPLYING" }).where(eq(optimizationActions.id, pause.id));
    await finishApply(handle.db, { action: pause, status: "APPLIED", outcome: "Done", now: new Date() });
    const failed = await applying({ before: 1_000, after: 900 });
    await finishApply(handle.db, { action: failed, status: "FAILED", outcome: "No", now: new Date() });
    const rows = await handle.db.select().from(usageLedger).where(like(usageLedger.dedupeKey, `optimization-action:%`));
    expect(rows.map((r) => r.dedupeKey).filter((k) => k.includes(pause.id) || k.includes(failed.id))).toEqual([]);
  });

  it("no row when the apply's transaction fails after the row insert, and the action stays APPLYING", async () => {
    const action = await applying({ before: 1_000, after: 1_500 });
    // The key carries ":fail" only for this action's row: swap its id into one the trigger fails.
    await handle.db.execute(sql.raw(`create or replace function usage_fail_key() returns trigger language plpgsql as $$
      begin if new.dedupe_key = 'optimization-action:${action.id}:ad-spend' then new.dedupe_key := new.dedupe_key || ':fail'; end if; return new; end $$`));
    await handle.db.execute(sql.raw("create trigger usage_fail_key before insert on usage_ledger for each row execute function usage_fail_key()"));
    try {
      await expect(finish(action)).rejects.toThrow(/injected failure/);
    } finally {
      await handle.db.execute(sql.raw("drop trigger usage_fail_key on usage_ledger"));
    }
    expect(await handle.db.select().from(usageLedger).where(like(usageLedger.dedupeKey, `optimization-action:${action.id}%`))).toEqual([]);
    const [after] = await handle.db.select().from(optimizationActions).where(and(eq(optimizationActions.id, action.id)));
    expect(after!.status).toBe("APPLYING");
  });
});
