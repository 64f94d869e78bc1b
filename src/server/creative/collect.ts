import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db";
import { creativeArtifacts, creativeHooks, creativeSessions } from "@/server/db/schema";
import type { RegenerationPlan } from "@/server/db/schema/creative";
import { SandboxLimitError, type SandboxSessions } from "@/server/services/sandbox/types";
import type { StorageService } from "@/server/services/storage/types";
import { recordLedgerEntry, type LedgerWriter } from "@/server/usage/record";
import { DOWNLOAD_LIMITS } from "./limits";
import type { ReusedFile } from "./prepare";

const hooksFile = z.array(z.object({ number: z.number().int().positive(), angle: z.string(), trigger: z.string(), headline: z.string(), primaryText: z.string() }));

type Kind = (typeof creativeArtifacts.$inferInsert)["kind"];

/** What a stored file is, from its name in the version folder. */
export function describeArtifact(name: string): { kind: Kind; contentType: string; hookNumber: number | null; width: number | null; height: number | null } | null {
  const image = /^images\/hook-(\d+)-(\d+)x(\d+)\.png$/.exec(name);
  if (image) return { kind: "IMAGE", contentType: "image/png", hookNumber: Number(image[1]), width: Number(image[2]), height: Number(image[3]) };
  const text = { hookNumber: null, width: null, height: null };
  if (name === "research.md") return { kind: "RESEARCH", contentType: "text/markdown; charset=utf-8", ...text };
  if (name === "research.json") return { kind: "RESEARCH", contentType: "application/json", ...text };
  if (name === "hooks.md") return { kind: "HOOKS", contentType: "text/markdown; charset=utf-8", ...text };
  if (name === "hooks.json") return { kind: "HOOKS", contentType: "application/json", ...text };
  if (name === "image-prompts.json") return { kind: "IMAGE_PROMPTS", contentType: "application/json", ...text };
  return null;
}

const hookReused = (plan: RegenerationPlan, n: number) => plan.hooks === "none" || (Array.isArray(plan.hooks) && !plan.hooks.includes(n));

export type CollectOutcome = { ok: true; artifacts: number; reused: number; hooks: number } | { ok: false; error: string };

/**
 * Downloads what the stages made and what was carried over (size-capped), stores each file at
 * `artifacts/{sessionId}/v{n}/<name>`, and rewrites the version's artifact and hook rows: a file no
 * stage of this version wrote is recorded as reused from the version that made it.
 */
export async function collectVersionOutputs(
  deps: { db: Db; sessions: SandboxSessions; storage: StorageService },
  input: { organizationId: string; sessionId: string; versionId: string; version: number; sandboxId: string; plan: RegenerationPlan; made: string[]; reused: ReusedFile[]; hydratedFromVersionId: string | null },
): Promise<CollectOutcome> {
  const made = new Set(input.made.map((f) => f.replace(/^out\//, "")));
  const names = [...new Set([...made, ...input.reused.map((r) => r.name)])].filter((n) => describeArtifact(n) !== null).sort();
  let files: Record<string, Buffer>;
  try {
    files = await deps.sessions.download(input.sandboxId, names.map((n) => `out/${n}`), DOWNLOAD_LIMITS);
  } catch (error) {
    if (SandboxLimitError.is(error)) return { ok: false, error: `An output was too large to keep: ${error.message}` };
    throw error;
  }
  const missing = [...made].filter((n) => names.includes(n) && !files[`out/${n}`]);
  if (missing.length) return { ok: false, error: `The agent said it wrote ${missing.join(", ")} but the file is not there` };
  const hooksJson = files["out/hooks.json"];
  const hooks = hooksJson ? hooksFile.safeParse(safeJson(hooksJson)) : null;
  if (!hooks?.success) return { ok: false, error: "hooks.json is missing or not a list of hooks" };

  const origin = new Map(input.reused.map((r) => [r.name, r.madeInVersionId]));
  const rows: (typeof creativeArtifacts.$inferInsert)[] = [];
  for (const name of names) {
    const body = files[`out/${name}`];
    if (!body) continue;
    const storageKey = `artifacts/${input.sessionId}/v${input.version}/${name}`;
    const about = describeArtifact(name)!;
    await deps.storage.put(storageKey, body, about.contentType);
    const reusedFromVersionId = made.has(name) ? null : (origin.get(name) ?? null);
    rows.push({ organizationId: input.organizationId, sessionId: input.sessionId, versionId: input.versionId, name, storageKey, bytes: body.length, reusedFromVersionId, ...about });
  }
  const previousHooks = input.hydratedFromVersionId
    ? await deps.db.select().from(creativeHooks).where(eq(creativeHooks.versionId, input.hydratedFromVersionId))
    : [];
  const hookRows = hooks.data.map((h) => {
    const before = previousHooks.find((p) => p.number === h.number);
    const reusedFromVersionId = before && hookReused(input.plan, h.number) ? (before.reusedFromVersionId ?? before.versionId) : null;
    return { organizationId: input.organizationId, sessionId: input.sessionId, versionId: input.versionId, ...h, reusedFromVersionId };
  });
  // Rewritten whole, so a retried collect leaves exactly one row per file and hook.
  await deps.db.transaction(async (tx) => {
    await tx.delete(creativeArtifacts).where(eq(creativeArtifacts.versionId, input.versionId));
    await tx.delete(creativeHooks).where(eq(creativeHooks.versionId, input.versionId));
    if (rows.length) await tx.insert(creativeArtifacts).values(rows);
    if (hookRows.length) await tx.insert(creativeHooks).values(hookRows);
    await recordVersionStorage(tx, { ...input, bytes: rows.reduce((sum, r) => sum + (r.bytes ?? 0), 0) });
  });
  return { ok: true, artifacts: rows.length, reused: rows.filter((r) => r.reusedFromVersionId).length, hooks: hookRows.length };
}

/** The bytes this version stored, on the cost ledger once per version (a retried collect rewrites the same keys). */
async function recordVersionStorage(tx: LedgerWriter, input: { organizationId: string; sessionId: string; versionId: string; bytes: number }) {
  if (input.bytes <= 0) return;
  const [session] = await tx.select({ projectId: creativeSessions.projectId }).from(creativeSessions).where(eq(creativeSessions.id, input.sessionId));
  await recordLedgerEntry(tx, {
    organizationId: input.organizationId,
    projectId: session?.projectId ?? null,
    runId: input.versionId,
    dedupeKey: `creative-version:${input.versionId}:storage`,
    feature: "creative",
    kind: "STORAGE_BYTES",
    bytes: input.bytes,
    provider: "storage",
  });
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
}
