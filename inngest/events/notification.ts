import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

export const notificationCreated = eventType("notification/created", {
  schema: z.object({ ...tenant, notificationId: id, userId: id, type: z.string().min(1) }),
});
