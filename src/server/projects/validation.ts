import { z } from "zod";

/** The body of POST /api/projects; also used by the dashboard form for the same messages. */
export const createProjectBody = z.object({
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  // An empty field in the form means "no website", not an invalid URL.
  websiteUrl: z
    .union([z.literal("").transform(() => undefined), z.url({ protocol: /^https?$/, message: "must be an http(s) URL" })])
    .optional(),
});

export type CreateProjectBody = z.infer<typeof createProjectBody>;
