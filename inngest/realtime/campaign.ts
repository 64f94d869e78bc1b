import { realtime } from "inngest";
import { z } from "zod";

/**
 * Live deployment progress for one campaign. The UI subscribes with a token minted for this channel
 * (GET /api/campaigns/[campaignId]/progress-token) and shows each step as it finishes.
 */
export const campaignDeployChannel = realtime.channel({
  name: ({ campaignId }: { campaignId: string }) => `campaign-deploy:${campaignId}`,
  topics: {
    progress: {
      schema: z.object({
        step: z.string(),
        state: z.enum(["done", "skipped", "failed", "live"]),
        label: z.string(),
        completed: z.number().int(),
        total: z.number().int(),
      }),
    },
  },
});
