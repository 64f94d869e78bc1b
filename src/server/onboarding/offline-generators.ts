import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { BUDGET_JUMP_FACTOR } from "./budget-check";
import { REQUIRED_BRIEF_FIELDS, completeBrief, type BriefDraft } from "./brief-schema";
import { parseConversation, QUESTIONS, readConversation } from "./parse-answers";

export const REPLY_PURPOSE = "onboarding-reply";
export const EXTRACT_PURPOSE = "onboarding-extract";

const APPROVAL_NOTE =
  "Just so you know: I can't approve or launch anything from the chat. Campaigns only go live when you press Approve on a plan card.";

const PAIRED: [string, string][] = [
  ["goal", "monthlyBudgetCents"],
  ["uniqueSellingPoint", "websiteUrl"],
];

function budgetJumped(messages: OfflineGeneratorInput["messages"]): boolean {
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  const before = parseConversation(messages.slice(0, lastUser)).monthlyBudgetCents;
  const after = parseConversation(messages).monthlyBudgetCents;
  if (!before || !after) return false;
  return Math.max(before, after) / Math.min(before, after) > BUDGET_JUMP_FACTOR;
}

/** Asks about the first field still missing (one or two questions, in a fixed order). */
export function offlineReply(input: Pick<OfflineGeneratorInput, "messages" | "lastUserMessage">): string {
  const { fields, placeHint } = readConversation(input.messages);
  const firstTurn = !input.messages.some((m) => m.role === "assistant");
  const greeting = firstTurn ? "Hi! I'll ask a few quick questions so I can set up your ads. " : "Thanks! ";
  // Mirrors the real prompt's rule, so the demo answers an injection attempt the same way.
  const note = /\b(approve|deploy|launch|go live|publish)\b/i.test(input.lastUserMessage) ? `${APPROVAL_NOTE} ` : "";
  // The budget check after extraction will ask about a big jump; the reply leads into it.
  if (budgetJumped(input.messages)) return `${note}${greeting}One check about the budget before I change it:`;
  const missing = QUESTIONS.filter((q) => fields[q.topic] === undefined);
  if (missing.length === 0) return `${note}${greeting}I have everything I need. Here comes a short summary for you to check.`;
  // Two questions that belong together are asked together; everything else one at a time.
  const [first, second] = missing;
  const pair = second && PAIRED.some(([a, b]) => a === first!.topic && b === second.topic);
  const firstText = first!.topic === "location" && placeHint ? `${first!.text} Only around ${placeHint}, or wider?` : first!.text;
  const question = `${firstText}${pair ? ` ${second.text}` : ""}`;
  return `${note}${greeting}${firstTurn ? question : question.replace(/^To start: /, "")}`;
}

export function offlineExtract(input: Pick<OfflineGeneratorInput, "messages">): BriefDraft {
  const fields = parseConversation(input.messages);
  const missing = REQUIRED_BRIEF_FIELDS.filter((name) => fields[name] === undefined);
  return { ...fields, missing, readyToConfirm: missing.length === 0 && completeBrief(fields) !== null };
}

/** The embedded demo's stand-ins for the two onboarding model calls. Idempotent. */
export function registerOnboardingGenerators(): void {
  registerOfflineGenerator(REPLY_PURPOSE, offlineReply);
  registerOfflineGenerator(EXTRACT_PURPOSE, offlineExtract);
}
