import type { AppJobStage, AppJobStatus } from "@/server/db/schema/appgen";

/**
 * What GET /api/appgen/jobs/:id answers and the progress view renders. Owner-only; no spec HTML, no
 * sandbox id, no storage key (the ZIP is reached only through POST …/download).
 */
export interface AppJobView {
  id: string;
  projectId: string;
  status: AppJobStatus;
  stage: AppJobStage;
  fixRound: number;
  maxFixRounds: number;
  warnings: string[];
  error: string | null;
  /** "offline" when the offline model wrote the code: the page says so. */
  generator: "offline" | "anthropic" | null;
  /** "local" in embedded mode: the page says the sandbox is a local process. */
  sandboxKind: "daytona" | "local" | null;
  pages: { pageId: string; name: string; route: string; status: "pending" | "running" | "done" | "failed"; attempt: number; error: string | null }[];
  tasks: { key: string; kind: string; status: "pending" | "running" | "done" | "failed"; round: number; durationMs: number | null; error: string | null }[];
  /** Where the job is in its queue when it waits for one of the owner's two slots (1 = next). */
  queuePosition: number | null;
  createdAt: string;
  startedAt: string | null;
  deadlineAt: string | null;
  finishedAt: string | null;
  artifact: { sizeBytes: number; checksum: string; available: boolean } | null;
}
