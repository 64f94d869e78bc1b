import type { Db } from "@/server/db";
import { LlmOutputError, type ChatTurn, type LlmService, type UsageContext } from "@/server/services/llm/types";
import { budgetCheckSchema, checkBudgetChange, type BudgetCheck } from "./budget-check";
import { briefDraftSchema, completeBrief, draftFields, type BriefDraft, type BriefFields } from "./brief-schema";
import { getConversation, listMessages, type Message } from "./conversations";
import { EXTRACT_PURPOSE, REPLY_PURPOSE } from "./offline-generators";
import { describeBriefSoFar, EXTRACTION_SYSTEM_PROMPT, ONBOARDING_SYSTEM_PROMPT } from "./prompts";

export const HISTORY_LIMIT = 20;
/** Repairs after a malformed extraction; then the user is asked instead. */
export const EXTRACTION_RETRIES = 2;

export interface ReplyContext {
  active: boolean;
  turns: ChatTurn[];
  briefSoFar: Partial<BriefFields>;
  /** A budget change waiting for the owner's yes, stored beside the draft. */
  budgetCheck?: BudgetCheck;
}

/** The model sees user/assistant text only, starting with the user, with same-role runs merged. */
export function toChatTurns(rows: Message[]): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const row of rows) {
    if (row.role === "SYSTEM") continue;
    const role = row.role === "USER" ? "user" : "assistant";
    const last = turns.at(-1);
    if (!last && role === "assistant") continue;
    if (last?.role === role) last.content = `${last.content}\n\n${row.content}`;
    else turns.push({ role, content: row.content });
  }
  return turns;
}

/** The latest extracted draft lives on the assistant message it followed (metadata.briefDraft). */
function latestDraft(rows: Message[]): { briefSoFar: Partial<BriefFields>; budgetCheck: BudgetCheck } {
  for (const row of [...rows].reverse()) {
    const parsed = briefDraftSchema.safeParse(row.metadata?.briefDraft);
    if (!parsed.success) continue;
    const check = budgetCheckSchema.safeParse(row.metadata?.budgetCheck ?? {});
    return { briefSoFar: draftFields(parsed.data), budgetCheck: check.success ? check.data : {} };
  }
  return { briefSoFar: {}, budgetCheck: {} };
}

export async function loadReplyContext(db: Db, opts: { organizationId: string; conversationId: string }): Promise<ReplyContext> {
  const conversation = await getConversation(db, opts);
  if (!conversation || conversation.status !== "ACTIVE") return { active: false, turns: [], briefSoFar: {} };
  const rows = await listMessages(db, { ...opts, limit: HISTORY_LIMIT });
  return { active: true, turns: toChatTurns(rows), ...latestDraft(rows) };
}

export function streamReply(
  llm: LlmService,
  opts: { context: ReplyContext; usage: UsageContext; onDelta: (delta: string) => void | Promise<void> },
) {
  return llm.streamText({
    purpose: REPLY_PURPOSE,
    system: `${ONBOARDING_SYSTEM_PROMPT}\n\n${describeBriefSoFar(opts.context.briefSoFar)}`,
    messages: opts.context.turns,
    model: "chat",
    maxTokens: 600,
    usage: opts.usage,
    onDelta: opts.onDelta,
  });
}

export type ExtractionResult = { ok: true; draft: BriefDraft } | { ok: false; error: string };

/**
 * One extraction attempt. Malformed output comes back as a value (not a throw) so the function
 * counts repairs itself; transport errors still throw and are retried by the engine.
 */
export async function extractBriefDraft(
  llm: LlmService,
  opts: { context: ReplyContext; usage: UsageContext; previousError?: string },
): Promise<ExtractionResult> {
  const repair = opts.previousError
    ? `\n\nYour previous answer was rejected (${opts.previousError}). Answer again with JSON that matches the schema exactly.`
    : "";
  try {
    const { object } = await llm.generateObject({
      purpose: EXTRACT_PURPOSE,
      schema: briefDraftSchema,
      system: `${EXTRACTION_SYSTEM_PROMPT}\n\n${describeBriefSoFar(opts.context.briefSoFar)}${repair}`,
      messages: opts.context.turns,
      model: "chat",
      maxTokens: 1000,
      usage: opts.usage,
    });
    return { ok: true, draft: object };
  } catch (error) {
    if (error instanceof LlmOutputError) return { ok: false, error: error.message.slice(0, 300) };
    throw error;
  }
}

export interface MergedDraft {
  draft: BriefDraft;
  brief: BriefFields | null;
  budgetCheck: BudgetCheck;
  /** Asked in the chat when the budget jumped; no brief is proposed until it is answered. */
  budgetQuestion?: string;
}

/**
 * New facts override old ones, except a budget that jumps far from what the owner said before,
 * which waits for their explicit yes. The brief is proposed only when the strict schema accepts it.
 */
export function mergeDraft(context: ReplyContext, draft: BriefDraft): MergedDraft {
  const lastUserMessage = [...context.turns].reverse().find((t) => t.role === "user")?.content ?? "";
  const decision = checkBudgetChange({
    before: context.briefSoFar,
    extracted: draftFields(draft),
    previousCheck: context.budgetCheck ?? {},
    lastUserMessage,
  });
  const fields = Object.fromEntries(Object.entries(decision.fields).filter(([, v]) => v !== undefined)) as Partial<BriefFields>;
  const complete = completeBrief(fields);
  const brief = draft.readyToConfirm && !decision.question ? complete : null;
  const missing = complete ? [] : draft.missing;
  return {
    draft: { ...fields, missing, readyToConfirm: draft.readyToConfirm && complete !== null },
    brief,
    budgetCheck: decision.check,
    budgetQuestion: decision.question,
  };
}
