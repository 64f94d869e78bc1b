import { inngest } from "@/inngest/client";
import { agentMessageSent } from "@/inngest/events";
import { conversationChannel } from "@/inngest/realtime/conversation";
import { AGENT_TOOL_NAMES, toolEntry, type AgentToolName } from "@/server/agent/catalogue";
import { loadAgentContext } from "@/server/agent/context";
import { registerAgentGenerators } from "@/server/agent/offline-generators";
import { planToolCalls } from "@/server/agent/plan-calls";
import { chooseAgentTools, runPlannedCall, streamAgentAnswer, toOutcomes, type RanCall } from "@/server/agent/reply";
import { agentTools } from "@/server/agent/tools";
import { deriveId } from "@/server/onboarding/ids";
import { isTurnTaken, storeReplyInOrder } from "@/server/onboarding/reply-order";
import { createDeltaPublisher } from "../../realtime/publish-deltas";

registerAgentGenerators();

const RETRIES = 3;
const labelOf = (name: string) =>
  (AGENT_TOOL_NAMES as readonly string[]).includes(name) ? toolEntry(name as AgentToolName).runningLabel : "Checking that request…";

/**
 * Answers one message in a campaign or agent conversation: the model picks tools, each runs in its
 * own step (its progress published on the conversation's `tool` topic), the tools' events are sent,
 * then the answer streams and is stored. Tools that move money only record proposals; nothing here
 * approves or applies. Reply order follows onboarding's rules (`reply-order.ts`).
 */
export const replyAsAgent = inngest.createFunction(
  {
    id: "agent-reply-as-agent",
    triggers: [agentMessageSent],
    concurrency: { key: "event.data.conversationId", limit: 1 },
    retries: RETRIES,
  },
  async (ctx) => {
    const { event, step, runId, deps } = ctx;
    const { organizationId, projectId, conversationId, messageId, userId } = event.data;
    const channel = conversationChannel({ conversationId });
    const usage = (what: string) => ({ organizationId, projectId, runId, feature: "agent-chat" as const, dedupeKey: `${messageId}:${what}` });
    const turn = { conversationId, messageId };
    const superseded = { skipped: "a later message is answered together with this one" };

    const context = await step.run("load-context", async () =>
      (await isTurnTaken(deps.db, turn)) ? null : loadAgentContext(deps.db, { organizationId, projectId, conversationId }),
    );
    if (!context) return superseded;
    if (!context.active) return { skipped: "conversation is not an open campaign or agent conversation" };

    const toolTurn = await step.run("choose-tools", () => chooseAgentTools(deps.services.llm, { context, usage: usage("choose-tools") }));
    const planned = planToolCalls(toolTurn.calls, agentTools);

    const ran: RanCall[] = [];
    for (const call of planned) {
      const progress = { messageId, toolCallId: call.call.id, tool: call.call.name, label: labelOf(call.call.name) };
      await step.realtime.publish(`tool-running-${call.index}`, channel.tool, { ...progress, status: "running" });
      const outcome = await step.run(`run-tool-${call.index}`, async (): Promise<RanCall> => {
        const toolCtx = { deps, organizationId, projectId, conversationId, userId, messageId, callIndex: call.index, now: new Date(), runId };
        try {
          return await runPlannedCall(call.run ? agentTools[call.name] : undefined, toolCtx, call);
        } catch (error) {
          // Retried like any step; on the last attempt the owner hears it failed instead of no answer at all.
          if (ctx.attempt < RETRIES) throw error;
          console.error("agent tool failed", { messageId, tool: call.call.name, error: String(error) });
          return { status: "failed", summary: "Something went wrong while doing that. Nothing was changed; please try again later." };
        }
      });
      ran.push(outcome);
      const status = outcome.status === "failed" ? "failed" : "done";
      await step.realtime.publish(`tool-finished-${call.index}`, channel.tool, { ...progress, status });
      for (const [j, posted] of (outcome.result?.postedMessageIds ?? []).entries()) {
        await step.realtime.publish(`announce-tool-message-${call.index}-${j}`, channel.message, { messageId: posted, role: "ASSISTANT", type: "TEXT" });
      }
    }
    const events = ran.flatMap((r) => r.result?.events ?? []);
    if (events.length) await step.sendEvent("send-tool-events", events);

    const replyId = deriveId(messageId, "agent-reply");
    const reply = await step.run("stream-final-reply", async () => {
      const deltas = createDeltaPublisher((chunk) => inngest.realtime.publish(channel.delta, { messageId: replyId, ...chunk }));
      let text: string;
      if (planned.length === 0 && toolTurn.text.trim()) {
        // The model already answered in its first turn: no second call, the text is the reply.
        text = toolTurn.text;
        deltas.push(text);
      } else {
        const results = toOutcomes(planned, ran);
        text = await streamAgentAnswer(deps.services.llm, { context, toolTurn, results, usage: usage("answer"), onDelta: deltas.push });
      }
      await deltas.flush();
      return { text };
    });

    const tools = planned.map((p, i) => ({ name: p.call.name, status: ran[i]!.status, summary: ran[i]!.summary }));
    const stored = await step.run("store-reply", () =>
      storeReplyInOrder(deps.db, turn, {
        id: replyId,
        organizationId,
        conversationId,
        role: "ASSISTANT",
        content: reply.text,
        metadata: { kind: "agent-reply", tools },
      }),
    );
    if (stored === "superseded") {
      await step.realtime.publish("withdraw-reply", channel.delta, { messageId: replyId, seq: 0, delta: "" });
      return superseded;
    }
    await step.realtime.publish("announce-reply", channel.message, { messageId: replyId, role: "ASSISTANT", type: "TEXT", kind: "agent-reply" });
    return { replyId, tools: tools.map((t) => `${t.name}:${t.status}`) };
  },
);
