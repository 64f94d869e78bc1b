import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/server/db";
import { sandboxSnapshots, type SnapshotVerification } from "@/server/db/schema";

export type SandboxKind = "daytona" | "local";
export type SnapshotRow = typeof sandboxSnapshots.$inferSelect;

/** The snapshot new sandboxes of this kind start from, if one has been verified. */
export async function findActiveSnapshot(db: Db, kind: SandboxKind): Promise<SnapshotRow | null> {
  const [row] = await db
    .select()
    .from(sandboxSnapshots)
    .where(and(eq(sandboxSnapshots.kind, kind), eq(sandboxSnapshots.status, "ACTIVE")))
    .orderBy(desc(sandboxSnapshots.activatedAt))
    .limit(1);
  return row ?? null;
}

export async function startSnapshotRow(db: Db, input: { kind: SandboxKind; name: string; recipeHash: string }): Promise<string> {
  const [row] = await db.insert(sandboxSnapshots).values({ ...input, status: "BUILDING" }).returning({ id: sandboxSnapshots.id });
  return row!.id;
}

export async function markVerifying(db: Db, id: string, buildMs: number): Promise<void> {
  await db.update(sandboxSnapshots).set({ status: "VERIFYING", buildMs }).where(and(eq(sandboxSnapshots.id, id), eq(sandboxSnapshots.status, "BUILDING")));
}

/**
 * Verified: this row becomes the kind's ACTIVE one and every other ACTIVE row of the kind is RETIRED,
 * in one transaction, so there is never a moment with two (or none, once one has existed).
 */
export async function activateSnapshot(db: Db, id: string, verification: SnapshotVerification): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(sandboxSnapshots)
      .set({ status: "ACTIVE", verification, activatedAt: new Date() })
      .where(and(eq(sandboxSnapshots.id, id), eq(sandboxSnapshots.status, "VERIFYING")))
      .returning({ kind: sandboxSnapshots.kind });
    if (!row) throw new Error(`Snapshot ${id} is no longer being verified`);
    await tx
      .update(sandboxSnapshots)
      .set({ status: "RETIRED" })
      .where(and(eq(sandboxSnapshots.kind, row.kind), eq(sandboxSnapshots.status, "ACTIVE"), ne(sandboxSnapshots.id, id)));
  });
}

/** A failed build or verification: only this row changes; the kind's ACTIVE row is left as it was. */
export async function failSnapshot(db: Db, id: string, input: { error: string; verification?: SnapshotVerification }): Promise<void> {
  await db
    .update(sandboxSnapshots)
    .set({ status: "FAILED", error: input.error.slice(0, 2000), verification: input.verification ?? null })
    .where(and(eq(sandboxSnapshots.id, id), inArray(sandboxSnapshots.status, ["BUILDING", "VERIFYING"])));
}
