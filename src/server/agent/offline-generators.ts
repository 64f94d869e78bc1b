import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { AD_COPY_PURPOSE, offlineAdCopy } from "./tools/ad-copy";
import { recogniseIntents } from "./offline-intents";

export const AGENT_CHOOSE_PURPOSE = "agent-choose-tools";
export const AGENT_ANSWER_PURPOSE = "agent-answer";

const APPROVAL_NOTE = "I can't approve anything from the chat: changes to your ads only happen when you press Approve on their card.";
const CAN_DO =
  "I can show how your campaign is doing, explain a number, write new ad copy, change the brief, pause or resume the campaign, change the daily budget, start a new campaign, or make a report.";

/** The offline tool choice: the recognised intents as tool calls with stable ids. */
export function offlineChooseTools(input: Pick<OfflineGeneratorInput, "lastUserMessage">) {
  const calls = recogniseIntents(input.lastUserMessage).map((c, i) => ({ id: `offline_call_${i}`, name: c.name, input: c.input }));
  return { text: "", calls };
}

/** The offline answer: the tools' summaries in order, in plain words; a plain reply when none ran. */
export function offlineAnswer(input: Pick<OfflineGeneratorInput, "lastUserMessage" | "toolResults">): string {
  const note = /\b(approve|approved|deploy|launch|go live)\b/i.test(input.lastUserMessage) ? `${APPROVAL_NOTE} ` : "";
  const results = input.toolResults ?? [];
  if (results.length === 0) return `${note}Happy to help with your ads. ${CAN_DO} What would you like?`;
  const lines = results.map((r) => (r.isError ? `I couldn't do that: ${r.content}` : r.content));
  return `${note}${lines.join("\n\n")}`;
}

/** The embedded demo's stand-ins for the agent's model calls. Idempotent. */
export function registerAgentGenerators(): void {
  registerOfflineGenerator(AGENT_CHOOSE_PURPOSE, offlineChooseTools);
  registerOfflineGenerator(AGENT_ANSWER_PURPOSE, offlineAnswer);
  registerOfflineGenerator(AD_COPY_PURPOSE, offlineAdCopy);
}
