import { inngest } from "@/inngest/client";
import { onboardingMessageSent } from "@/inngest/events";
import { conversationChannel } from "@/inngest/realtime/conversation";
import { updateMessageMetadata } from "@/server/onboarding/conversations";
import { deriveId } from "@/server/onboarding/ids";
import { registerOnboardingGenerators } from "@/server/onboarding/offline-generators";
import { BRIEF_CONFIRMATION_MESSAGE, EXTRACTION_FAILED_MESSAGE } from "@/server/onboarding/prompts";
import {
  EXTRACTION_RETRIES,
  extractBriefDraft,
  loadReplyContext,
  mergeDraft,
  streamReply,
  type ExtractionResult,
} from "@/server/onboarding/reply";
import { appendFollowUpInOrder, isTurnTaken, storeReplyInOrder } from "@/server/onboarding/reply-order";
import { createDeltaPublisher } from "../../realtime/publish-deltas";

registerOnboardingGenerators();

/**
 * Answers one onboarding message: streams the model's reply to the browser, stores it, then
 * extracts the brief so far. A complete brief is only *proposed* (a confirmation card); saving it
 * takes the user's confirmation through the confirm route. This function never emits events, so
 * nothing typed into the chat can approve or deploy anything.
 *
 * Replies keep the order of the messages (`reply-order.ts`): the concurrency limit below serializes
 * steps, not runs, so a run whose message was followed by another leaves the answer to that run.
 */
export const replyToMessage = inngest.createFunction(
  {
    id: "onboarding-reply-to-message",
    triggers: [onboardingMessageSent],
    // One step at a time per conversation; the order of replies is enforced by reply-order.ts.
    concurrency: { key: "event.data.conversationId", limit: 1 },
    retries: 3,
  },
  async (ctx) => {
    const { event, step, runId } = ctx;
    const { deps } = ctx;
    const { organizationId, projectId, conversationId, messageId } = event.data;
    const channel = conversationChannel({ conversationId });
    const usage = (what: string) => ({ organizationId, projectId, runId, feature: "onboarding-chat" as const, dedupeKey: `${messageId}:${what}` });
    const turn = { conversationId, messageId };
    const superseded = { skipped: "a later message is answered together with this one" };

    // Checked in the same step as the read: a message landing between the two would be answered
    // twice (still in order), so keep that window to one database round trip.
    const loaded = await step.run("load-context", async () =>
      (await isTurnTaken(deps.db, turn)) ? null : loadReplyContext(deps.db, { organizationId, conversationId }),
    );
    if (!loaded) return superseded;
    const context = loaded;
    if (!context.active) return { skipped: "conversation is no longer active" };

    const replyId = deriveId(messageId, "reply");
    const reply = await step.run("stream-reply", async () => {
      const deltas = createDeltaPublisher((chunk) =>
        inngest.realtime.publish(channel.delta, { messageId: replyId, ...chunk }),
      );
      const { text } = await streamReply(deps.services.llm, { context, usage: usage("reply"), onDelta: deltas.push });
      await deltas.flush();
      return { text };
    });
    const stored = await step.run("store-reply", () =>
      storeReplyInOrder(deps.db, turn, { id: replyId, organizationId, conversationId, role: "ASSISTANT", content: reply.text }),
    );
    if (stored === "superseded") {
      // A reply to a later message got in first: take back what the browser streamed (seq 0, empty).
      await step.realtime.publish("withdraw-reply", channel.delta, { messageId: replyId, seq: 0, delta: "" });
      return superseded;
    }
    await step.realtime.publish("announce-reply", channel.message, { messageId: replyId, role: "ASSISTANT", type: "TEXT" });

    let extraction: ExtractionResult = { ok: false, error: "not attempted" };
    for (let attempt = 0; attempt <= EXTRACTION_RETRIES && !extraction.ok; attempt++) {
      const previousError: string | undefined = attempt > 0 && !extraction.ok ? extraction.error : undefined;
      extraction = await step.run(`extract-brief-${attempt}`, (): Promise<ExtractionResult> =>
        extractBriefDraft(deps.services.llm, { context, usage: usage(`extract-${attempt}`), previousError }),
      );
    }

    if (!extraction.ok) {
      const askId = deriveId(messageId, "extraction-failed");
      const asked = await step.run("ask-user-to-restate", () =>
        appendFollowUpInOrder(deps.db, turn, {
          id: askId,
          organizationId,
          conversationId,
          role: "ASSISTANT",
          content: EXTRACTION_FAILED_MESSAGE,
          metadata: { kind: "EXTRACTION_FAILED", error: extraction.ok ? null : extraction.error },
        }),
      );
      if (asked === "superseded") return superseded;
      await step.realtime.publish("announce-ask", channel.message, { messageId: askId, role: "ASSISTANT", type: "TEXT", kind: "EXTRACTION_FAILED" });
      return { replyId, extracted: false };
    }

    const { draft, brief, budgetCheck, budgetQuestion } = mergeDraft(context, extraction.draft);
    await step.run("save-draft", () =>
      updateMessageMetadata(deps.db, { messageId: replyId, metadata: { briefDraft: draft, budgetCheck } }),
    );
    if (budgetQuestion) {
      const confirmId = deriveId(messageId, "budget-confirmation");
      const asked = await step.run("ask-to-confirm-budget", () =>
        appendFollowUpInOrder(deps.db, turn, { id: confirmId, organizationId, conversationId, role: "ASSISTANT", content: budgetQuestion }),
      );
      if (asked === "superseded") return superseded;
      await step.realtime.publish("announce-budget-question", channel.message, { messageId: confirmId, role: "ASSISTANT", type: "TEXT" });
      return { replyId, extracted: true, budgetConfirmationNeeded: true };
    }
    if (!brief) return { replyId, extracted: true, missing: draft.missing };

    const proposalId = deriveId(messageId, "brief-confirmation");
    const proposed = await step.run("propose-brief", () =>
      appendFollowUpInOrder(deps.db, turn, {
        id: proposalId,
        organizationId,
        conversationId,
        role: "ASSISTANT",
        type: "TEXT",
        content: BRIEF_CONFIRMATION_MESSAGE,
        metadata: { kind: "BRIEF_CONFIRMATION", brief },
      }),
    );
    if (proposed === "superseded") return superseded;
    await step.realtime.publish("announce-proposal", channel.message, {
      messageId: proposalId,
      role: "ASSISTANT",
      type: "TEXT",
      kind: "BRIEF_CONFIRMATION",
    });
    return { replyId, extracted: true, proposed: true };
  },
);
