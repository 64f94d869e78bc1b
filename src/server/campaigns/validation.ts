import { z } from "zod";

/** An explicit yes: the button sends `{ confirm: true }`, so an empty or replayed-looking body never approves. */
export const approveBody = z.object({ confirm: z.literal(true, { error: "must be true to approve the plan" }) });

export const requestChangesBody = z.object({
  feedback: z.string().trim().min(3, "tell us what to change (at least 3 characters)").max(4000, "is longer than 4000 characters"),
});

export const confirmActionBody = z.object({ confirm: z.literal(true, { error: "must be true" }) });

/** Route params are user input too; our ids are UUIDs. */
export const campaignIdParam = z.uuid({ error: "is not a campaign id" });
