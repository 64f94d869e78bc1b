import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { CLASSIFY_PURPOSE } from "./classify";
import { classifyByKeywords } from "./classify-keywords";

/** The offline model reads the issue back out of the prompt and answers as the keywords would. */
export function offlineClassify(input: Pick<OfflineGeneratorInput, "lastUserMessage">) {
  const json = input.lastUserMessage.match(/<issue>\s*([\s\S]*?)\s*<\/issue>/)?.[1];
  let issue = { title: "", description: input.lastUserMessage };
  try {
    if (json) issue = JSON.parse(json) as typeof issue;
  } catch {
    // Not the prompt classifyWithModel writes: classify the whole message instead.
  }
  const verdict = classifyByKeywords(issue);
  return { ...verdict, reason: `[offline] ${verdict.reason}` };
}

/** Embedded mode's stand-in for the classifier's model call. Idempotent. */
export function registerAgentTaskGenerators(): void {
  registerOfflineGenerator(CLASSIFY_PURPOSE, offlineClassify);
}
