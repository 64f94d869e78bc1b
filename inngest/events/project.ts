import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

export const projectCreated = eventType("project/created", {
  schema: z.object({ ...tenant, projectId: id, userId: id, name: z.string().min(1) }),
});
