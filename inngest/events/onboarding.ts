import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

export const onboardingMessageSent = eventType("onboarding/message.sent", {
  schema: z.object({ ...tenant, projectId: id, conversationId: id, messageId: id, userId: id }),
});

export const onboardingBriefExtracted = eventType("onboarding/brief.extracted", {
  schema: z.object({ ...tenant, projectId: id, briefId: id, briefVersion: z.number().int().positive(), userId: id }),
});
