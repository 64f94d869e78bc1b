import type { z } from "zod";
import type { AgentDeps, AgentIssueInput, AgentRunResult } from "./types";

/** Which model wrote a run's words: the task page says so, and the offline demo is never mistaken for a model. */
export const generatorOf = (deps: AgentDeps): AgentRunResult["generator"] => (deps.services.llm.kind === "offline" ? "offline" : "anthropic");

/**
 * One structured model call of an agent: the facts go inside a tagged block of the user turn (the
 * offline generators read the same JSON back), the answer is zod-checked by the service, and usage is
 * charged to the organization once per job and purpose however often a retry asks again.
 */
export async function askModel<T>(
  deps: AgentDeps,
  input: AgentIssueInput,
  call: { purpose: string; schema: z.ZodType<T>; system: string; facts: unknown; maxTokens?: number },
): Promise<T> {
  const { object } = await deps.services.llm.generateObject({
    purpose: call.purpose,
    schema: call.schema,
    system: call.system,
    maxTokens: call.maxTokens ?? 4096,
    messages: [{ role: "user", content: `<task>${input.title}\n${input.description}</task>\n<facts>${JSON.stringify(call.facts)}</facts>` }],
    usage: { organizationId: input.organizationId, projectId: input.projectId, runId: input.jobId, feature: "agent-tasks", dedupeKey: `agent-job:${input.jobId}:${call.purpose}` },
  });
  return object;
}

/** The facts JSON an offline generator was handed (the block askModel wrote). */
export function readFacts<T>(lastUserMessage: string): T {
  const match = /<facts>([\s\S]*)<\/facts>/.exec(lastUserMessage);
  if (!match) throw new Error("No <facts> block in the agent's message");
  return JSON.parse(match[1]!) as T;
}

/** The task words an offline generator was handed. */
export const readTask = (lastUserMessage: string) => /<task>([\s\S]*?)<\/task>/.exec(lastUserMessage)?.[1] ?? "";
