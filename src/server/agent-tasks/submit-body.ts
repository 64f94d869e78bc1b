import { z } from "zod";
import { safeText } from "@/server/http";

/** What a person (or a signed sender) hands the agents: the same fields whichever way it arrives. */
export const issueFields = {
  title: safeText().trim().min(1, "is required").max(200),
  description: safeText().trim().min(1, "is required").max(10_000),
  projectId: z.uuid().optional(),
  context: z.record(z.string(), z.unknown()).optional(),
};

export const submitIssueBody = z.strictObject(issueFields);
