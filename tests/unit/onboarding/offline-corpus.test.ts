import { describe, expect, it } from "vitest";
import corpus from "../../fixtures/offline-conversations.json";
import { completeBrief } from "@/server/onboarding/brief-schema";
import { offlineExtract, offlineReply } from "@/server/onboarding/offline-generators";
import { parseConversation, QUESTIONS } from "@/server/onboarding/parse-answers";
import type { ChatTurn } from "@/server/services/llm/types";

interface Conversation {
  name: string;
  answers: string[];
  expected: Record<string, unknown>;
}

/** Plays the offline model against the owner's answers; checks every question asks only for what is still missing. */
function converse(answers: string[]): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const answer of answers) {
    turns.push({ role: "user", content: answer });
    const known = parseConversation(turns);
    const reply = offlineReply({ messages: turns, lastUserMessage: answer });
    const asked = QUESTIONS.filter((q) => reply.toLowerCase().includes(q.marker)).map((q) => q.topic);
    for (const topic of asked) expect(known[topic], `asked for ${topic} after "${answer}"`).toBeUndefined();
    turns.push({ role: "assistant", content: reply });
  }
  return turns;
}

describe("offline model over a corpus of owner conversations", () => {
  it("holds at least 30 conversations", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus as Conversation[])("$name", ({ answers, expected }) => {
    const turns = converse(answers);
    const draft = offlineExtract({ messages: turns });
    expect(draft).toMatchObject(expected);
    expect(draft.missing).toEqual([]);
    expect(completeBrief(draft)).not.toBeNull();
    expect(turns.at(-1)!.content).toMatch(/I have everything I need/);
  });
});
