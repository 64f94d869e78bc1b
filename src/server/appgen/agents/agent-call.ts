import { z } from "zod";
import { LlmOutputError, type LlmService, type TokenUsage, type UsageContext } from "@/server/services/llm";
import type { AgentOutput } from "./types";

/**
 * One code-writing model call: the task goes in as JSON (the offline generators read it back from the
 * same message, so both paths see exactly the same input), the files come back as `{ path, content }`.
 * What comes back is only text: the pipeline checks it with `checkAgentFiles` before it is written.
 */
export const agentAnswerSchema = z.object({
  files: z.array(z.object({ path: z.string().max(300), content: z.string() })).max(200),
  summary: z.string().max(4000),
});
export type AgentAnswer = z.infer<typeof agentAnswerSchema>;

/** Guardrails every code-writing agent gets (plan 004's "Prompting and Guardrails"). */
export const SHARED_RULES = [
  "You write files for a standalone Next.js App Router app in TypeScript (React 19), styled with plain CSS that uses the theme's CSS custom properties (no Tailwind, no CSS-in-JS libraries).",
  "Use only next, react and react-dom: do not add dependencies, and do not import anything that is not in the app.",
  "Never write database models, ORM code, schemas or migrations (no prisma, drizzle, typeorm, sequelize, mongoose, knex, SQL files); files that do are refused.",
  "Backend behaviour exists only as API routes at app/api/actions/<action>/route.ts for the actions the spec asks for; forms post there.",
  "Paths are relative to the app's root, posix style (app/about/page.tsx); write only the files your task names, each complete (no placeholders or ellipses).",
  "Answer with JSON: {\"files\": [{\"path\": \"...\", \"content\": \"...\"}], \"summary\": \"one line saying what you wrote\"}.",
].join("\n");

/**
 * Asks the model; when its answer is not the JSON asked for (LlmOutputError), the deterministic
 * generator answers instead, so a page is never lost to one malformed reply. Network and server errors
 * are thrown for the step to retry.
 */
export async function callCodeAgent<T>(
  llm: LlmService,
  req: { purpose: string; system: string; payload: T; offline: (payload: T) => AgentAnswer; usage: UsageContext; maxTokens: number },
): Promise<AgentOutput> {
  let answer: { object: AgentAnswer; usage: TokenUsage };
  try {
    answer = await llm.generateObject({
      purpose: req.purpose,
      schema: agentAnswerSchema,
      system: `${req.system}\n\n${SHARED_RULES}`,
      messages: [{ role: "user", content: JSON.stringify(req.payload) }],
      model: "planner",
      maxTokens: req.maxTokens,
      usage: req.usage,
    });
  } catch (err) {
    if (!(err instanceof LlmOutputError)) throw err;
    const fallback = req.offline(req.payload);
    return { files: fallback.files, summary: `The model's answer was not usable (${err.message}); deterministic fallback: ${fallback.summary}`, generator: "offline", inputTokens: 0, outputTokens: 0 };
  }
  const { object, usage } = answer;
  return {
    files: object.files,
    summary: object.summary.trim(),
    generator: llm.kind,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
  };
}

/** The offline generators' view of the task: the JSON the agent sent. */
export function readPayload<T>(lastUserMessage: string): T {
  return JSON.parse(lastUserMessage) as T;
}
