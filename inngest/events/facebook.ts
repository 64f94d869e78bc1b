import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

export const facebookAccountConnected = eventType("facebook/account.connected", {
  schema: z.object({ ...tenant, connectionId: id, userId: id, adAccountId: z.string().regex(/^act_\d+$/), projectId: id.optional() }),
});
