import { realtime } from "inngest";
import { z } from "zod";

/**
 * Live progress of a creative session's current version, stage by stage. The session page
 * subscribes with a token minted for this channel (GET /api/creative/sessions/[id]/progress-token);
 * the stored version row stays the truth, so a reload without realtime loses nothing.
 */
export const creativeSessionChannel = realtime.channel({
  name: ({ sessionId }: { sessionId: string }) => `creative-session:${sessionId}`,
  topics: {
    stage: {
      schema: z.object({
        versionId: z.string(),
        version: z.number().int(),
        stage: z.enum(["sandbox", "research", "hooks", "image-prompts", "images", "collect", "done"]),
        state: z.enum(["running", "done", "skipped", "failed"]),
        label: z.string(),
      }),
    },
  },
});
