import type { Db } from "@/server/db";
import { redact } from "@/server/redact";
import { agentLogs } from "@/server/db/schema/agent-tasks";

export type AgentLogLevel = (typeof agentLogs.level.enumValues)[number];

export interface AgentLogEntry {
  organizationId: string;
  jobId: string;
  level?: AgentLogLevel;
  message: string;
  data?: Record<string, unknown> | null;
  /** Values known to be secret in this run (a key, a token): blanked wherever they appear. */
  secrets?: readonly (string | undefined | null)[];
}

// Keys whose values are secret whatever they look like: a tool's input may carry them under these names.
const SECRET_KEY = /^(authorization|cookie|set-cookie|x-api-key|api[_-]?key|secret|token|access[_-]?token|refresh[_-]?token|password|signature)$/i;
const MAX_DEPTH = 8;

/** Redacts every string in a JSON-like value (keys named like secrets lose their value whatever its type). */
export function redactDeep(value: unknown, secrets: readonly (string | undefined | null)[] = [], depth = 0): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (value === null || typeof value !== "object") return value;
  // Deeper than any tool input we write: say so rather than store something unchecked.
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined ? "[redacted]" : redactDeep(v, secrets, depth + 1);
  }
  return out;
}

/** One line of a job's log, redacted (message and data) before it is written. */
export async function appendAgentLog(db: Db, entry: AgentLogEntry): Promise<void> {
  const secrets = entry.secrets ?? [];
  await db.insert(agentLogs).values({
    organizationId: entry.organizationId,
    jobId: entry.jobId,
    level: entry.level ?? "INFO",
    message: redact(entry.message, secrets),
    data: entry.data ? (redactDeep(entry.data, secrets) as Record<string, unknown>) : null,
  });
}
