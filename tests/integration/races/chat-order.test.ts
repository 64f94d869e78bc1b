import { InngestTestEngine, mockCtx } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import type { Context } from "inngest";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { onboardingMessageSent } from "@/inngest/events";
import { replyToMessage } from "@/inngest/functions/onboarding/reply-to-message";
import { messages } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { recordUserMessage } from "@/server/onboarding/conversations";
import type { LlmService } from "@/server/services/llm/types";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedMember, type Member } from "../onboarding/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
});
afterEach(() => {
  vi.restoreAllMocks();
  setDeps();
});
afterAll(async () => handle?.close());

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** The offline model, except that the reply to `slowMessage` is held until `release` opens. */
function modelSlowOn(slowMessage: string) {
  const held = gate();
  const release = gate();
  const base = embeddedDeps(handle.db).services.llm;
  const llm: LlmService = {
    kind: base.kind,
    generateObject: (req) => base.generateObject(req),
    chooseTools: (req) => base.chooseTools(req),
    streamToolAnswer: (req) => base.streamToolAnswer(req),
    streamText: async (req) => {
      // Consecutive user messages reach the model as one turn: match the one that ends with ours.
      if (req.messages.at(-1)?.content.endsWith(slowMessage)) {
        held.open();
        await release.opened;
      }
      return base.streamText(req);
    },
  };
  setDeps({ ...embeddedDeps(handle.db), services: { ...embeddedDeps(handle.db).services, llm } });
  return { held, release };
}

async function write(member: Member, content: string) {
  const stored = await recordUserMessage(handle.db, { organizationId: member.organizationId, projectId: member.projectId, content });
  if (!stored.ok) throw new Error(stored.reason);
  return stored;
}

/** One run of the function; realtime publishing is recorded, withdrawn streams included. */
function answer(member: Member, stored: { conversationId: string; messageId: string }) {
  const withdrawn: string[] = [];
  vi.spyOn(inngest.realtime, "publish").mockImplementation((async () => undefined) as never);
  const t = new InngestTestEngine({
    function: replyToMessage,
    transformCtx: (raw: Context.Any) => {
      const m = mockCtx(raw);
      const publish = vi.fn(async (id: string, _topic: unknown, data: { messageId: string }) => {
        if (id === "withdraw-reply") withdrawn.push(data.messageId);
        return data;
      });
      return { ...m, step: { ...m.step, realtime: { ...m.step.realtime, publish } } } as Context.Any;
    },
  });
  const run = t.execute({ events: [onboardingMessageSent.create({ ...member, ...stored, userId: member.userId })] });
  return { run, withdrawn };
}

const transcript = async (conversationId: string) =>
  (
    await handle.db
      .select({ role: messages.role, content: messages.content })
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(asc(messages.createdAt), asc(messages.id))
  ).map((m) => (m.role === "USER" ? `user: ${m.content}` : "assistant"));

describe("two quick chat messages", () => {
  it("never stores a slow reply to the first after the reply to the second", async () => {
    const member = await seedMember(handle.db, "Quick");
    const model = modelSlowOn("We bake sourdough bread");
    await write(member, "Hello");
    const first = await write(member, "We bake sourdough bread");
    const slow = answer(member, first);
    await model.held.opened;
    // While the first reply is still being written, the owner sends another message and it is answered.
    const second = await write(member, "In Porto, Portugal");
    const fast = answer(member, second);
    const fastRun = await fast.run;
    expect(fastRun.error).toBeUndefined();
    model.release.open();
    const slowRun = await slow.run;

    expect(slowRun.error).toBeUndefined();
    expect(slowRun.result).toEqual({ skipped: "a later message is answered together with this one" });
    expect(slow.withdrawn.length).toBeGreaterThan(0);
    const lines = await transcript(first.conversationId);
    expect(lines.slice(0, 2)).toEqual(["user: Hello", "user: We bake sourdough bread"]);
    expect(lines.slice(2)).toEqual(["user: In Porto, Portugal", "assistant"]);
  });

  it("answers both with one reply when the runs start together after both were sent", async () => {
    const member = await seedMember(handle.db, "Together");
    modelSlowOn("(nothing held)");
    const first = await write(member, "We sell candles");
    const second = await write(member, "In Lisbon");
    const [a, b] = await Promise.all([answer(member, first).run, answer(member, second).run]);
    expect(a.error ?? b.error).toBeUndefined();
    expect(a.result).toEqual({ skipped: "a later message is answered together with this one" });
    expect(await transcript(first.conversationId)).toEqual(["user: We sell candles", "user: In Lisbon", "assistant"]);
  });
});
