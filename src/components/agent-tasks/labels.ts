import type { TaskIssue } from "@/server/agent-tasks/views/load-tasks";

export const ISSUE_STATUS: Record<TaskIssue["status"], { label: string; color: string }> = {
  PENDING: { label: "Being classified", color: "gray" },
  QUEUED: { label: "Waiting its turn", color: "gray" },
  PROCESSING: { label: "Working", color: "blue" },
  REVIEW: { label: "Ready for review", color: "teal" },
  COMPLETED: { label: "Done", color: "green" },
  FAILED: { label: "Failed", color: "red" },
  CANCELLED: { label: "Cancelled", color: "orange" },
};

export const PRIORITY_COLOR: Record<TaskIssue["priority"], string> = { CRITICAL: "red", HIGH: "orange", MEDIUM: "blue", LOW: "gray" };

/** Still moving: the page listens live (and polls) only while something can change. */
export const isWorking = (status: TaskIssue["status"]) => status === "PENDING" || status === "QUEUED" || status === "PROCESSING";

export const OUTCOMES = [
  { value: "SOLVED", label: "Solved" },
  { value: "PARTIAL", label: "Partly solved" },
  { value: "NOT_SOLVED", label: "Not solved" },
  { value: "MADE_WORSE", label: "Made it worse" },
] as const;
