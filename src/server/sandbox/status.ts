import { and, desc, eq, gt } from "drizzle-orm";
import type { Env } from "@/env";
import type { Db } from "@/server/db";
import { sandboxSnapshots } from "@/server/db/schema";
import { COLD_START_TARGET_MS, coldStartMedian } from "./cold-starts";
import { sandboxKind } from "./build-snapshot";
import { latestRefresh } from "./refresh-template";
import { findActiveSnapshot, type SandboxKind } from "./snapshots";
import { SANDBOX_TEMPLATES } from "./templates";

/**
 * `/status` is public: an error is shown in words, with any file path or URL in it cut out, so a
 * failure says what went wrong without telling a visitor where things live.
 */
export function publicError(message: string | null): string | null {
  if (!message) return null;
  return message
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "…")
    .replace(/(^|[\s'"(=])\/[^\s'"),]+/g, "$1…")
    .slice(0, 300);
}

export interface KindStatus {
  kind: SandboxKind;
  inUse: boolean;
  active: { name: string; activatedAt: Date | null } | null;
  /** The newest FAILED build since the active one went live (or ever, when none is active). */
  failure: { name: string; error: string | null; at: Date } | null;
  coldStart: { medianMs: number; samples: number; meetsTarget: boolean } | null;
}

export interface TemplateRefreshStatus {
  template: string;
  last: { status: "running" | "succeeded" | "failed"; attempt: number; at: Date; error: string | null } | null;
}

export interface SandboxTemplatesStatus {
  kinds: KindStatus[];
  templates: TemplateRefreshStatus[];
  targetMs: number;
}

async function kindStatus(db: Db, kind: SandboxKind, inUse: boolean): Promise<KindStatus> {
  const active = await findActiveSnapshot(db, kind);
  const since = active?.activatedAt ? [gt(sandboxSnapshots.createdAt, active.activatedAt)] : [];
  const [failed] = await db
    .select()
    .from(sandboxSnapshots)
    .where(and(eq(sandboxSnapshots.kind, kind), eq(sandboxSnapshots.status, "FAILED"), ...since))
    .orderBy(desc(sandboxSnapshots.createdAt))
    .limit(1);
  const median = await coldStartMedian(db, kind);
  return {
    kind,
    inUse,
    active: active ? { name: active.name, activatedAt: active.activatedAt } : null,
    failure: failed ? { name: failed.name, error: publicError(failed.error), at: failed.createdAt } : null,
    coldStart: median ? { ...median, meetsTarget: median.medianMs < COLD_START_TARGET_MS } : null,
  };
}

export async function loadSandboxTemplatesStatus(db: Db, env: Pick<Env, "DAYTONA_API_KEY">): Promise<SandboxTemplatesStatus> {
  const current = sandboxKind(env);
  const kinds = await Promise.all((["daytona", "local"] as const).map((k) => kindStatus(db, k, k === current)));
  const templates = await Promise.all(
    SANDBOX_TEMPLATES.map(async ({ name }) => {
      const row = await latestRefresh(db, name);
      const last = row ? { status: row.status, attempt: row.attempt, at: row.createdAt, error: publicError(row.error) } : null;
      return { template: name, last };
    }),
  );
  return { kinds, templates, targetMs: COLD_START_TARGET_MS };
}
