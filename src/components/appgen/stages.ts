import type { AppJobView } from "@/server/appgen/view";

export const STAGES = [
  { key: "prepare", label: "Prepare" },
  { key: "pages", label: "Pages" },
  { key: "integration", label: "Integration" },
  { key: "validate", label: "Validate and fix" },
  { key: "package", label: "Package" },
] as const;

export type StageState = "pending" | "running" | "done" | "failed";

/** Where each stage stands, from the job's current stage (a fix round is part of validation). */
export function stageStates(job: Pick<AppJobView, "stage" | "status">): StageState[] {
  const current = job.stage === "fix" ? "validate" : job.stage;
  const at = current === "done" ? STAGES.length : STAGES.findIndex((s) => s.key === current);
  return STAGES.map((_, i) => {
    if (at === -1 || i > at) return "pending";
    if (i < at) return "done";
    return job.status === "failed" ? "failed" : "running";
  });
}

export const TERMINAL: readonly AppJobView["status"][] = ["completed", "completed_with_warnings", "failed", "expired"];

export const STATE_COLOURS: Record<StageState, string> = { pending: "gray", running: "blue", done: "green", failed: "red" };
