import type { StudioSession } from "./load-studio";

export type StudioVersion = StudioSession["versions"][number];

export const STAGE_LABELS: Record<string, string> = {
  research: "Reading the brand's website",
  hooks: "Writing hooks",
  "image-prompts": "Describing the images",
  images: "Drawing the images",
};

export const STATUS_LABELS: Record<StudioVersion["status"], { label: string; color: string }> = {
  QUEUED: { label: "Waiting its turn", color: "gray" },
  RUNNING: { label: "Working", color: "blue" },
  COMPLETED: { label: "Ready", color: "green" },
  FAILED: { label: "Failed", color: "red" },
};

export const QUICK_CHOICE_LABELS: Record<string, string> = {
  "hooks-only": "Hooks only",
  "visuals-only": "Visuals only",
  "start-fresh": "Start fresh",
};

export const isWorking = (v: StudioVersion | undefined) => v?.status === "QUEUED" || v?.status === "RUNNING";

export function formatDollars(dollars: number): string {
  return dollars < 0.01 && dollars > 0 ? "< $0.01" : `$${dollars.toFixed(2)}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
