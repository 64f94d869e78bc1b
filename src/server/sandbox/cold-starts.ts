import { desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { sandboxColdStarts } from "@/server/db/schema";
import type { SandboxKind } from "./snapshots";

/** The plan's bar for a sandbox started from a pre-built snapshot. */
export const COLD_START_TARGET_MS = 500;

/** How many of the latest cold starts the median is taken over. */
const MEDIAN_WINDOW = 50;

/** One sandbox's create → first command, recorded by whoever made it (the creative flow, verification). */
export async function recordColdStart(
  db: Db,
  input: { kind: SandboxKind; snapshot: string | null; purpose: string; coldStartMs: number },
): Promise<void> {
  await db.insert(sandboxColdStarts).values({ ...input, coldStartMs: Math.max(0, Math.round(input.coldStartMs)) });
}

/** Median of the latest cold starts of this kind, or null before the first one. */
export async function coldStartMedian(db: Db, kind: SandboxKind): Promise<{ medianMs: number; samples: number } | null> {
  const rows = await db
    .select({ ms: sandboxColdStarts.coldStartMs })
    .from(sandboxColdStarts)
    .where(eq(sandboxColdStarts.kind, kind))
    .orderBy(desc(sandboxColdStarts.createdAt))
    .limit(MEDIAN_WINDOW);
  if (rows.length === 0) return null;
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
  return { medianMs, samples: sorted.length };
}
