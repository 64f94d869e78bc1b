import { z } from "zod";
import { QUICK_CHOICES } from "./regeneration";

export const createSessionBody = z.object({
  brandName: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  brandUrl: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000, "must be at most 2000 characters"),
  projectId: z.uuid("must be a project id"),
});
export type CreateSessionBody = z.infer<typeof createSessionBody>;

export const resumeSessionBody = z.object({
  feedback: z.string().trim().min(1, "is required").max(2000, "must be at most 2000 characters"),
  quickChoice: z.enum(QUICK_CHOICES, { message: `must be one of ${QUICK_CHOICES.join(", ")}` }).optional(),
});
export type ResumeSessionBody = z.infer<typeof resumeSessionBody>;

/** Hooks each version writes (the agent's `hookCount`). */
export const HOOK_COUNT = 5;
