import type { AgentType } from "@/server/db/schema/agent-tasks";
import type { IssuePriority } from "./priority";

export type IssueType = "BUG" | "FEATURE" | "ENHANCEMENT" | "QUESTION" | "TASK" | "ANALYSIS";

export interface Classification {
  type: IssueType;
  priority: IssuePriority;
  agentType: AgentType;
  reason: string;
}

// First match wins, in this order: a rejected ad is ads-ops even when the owner asks "why".
const AGENT_RULES: [AgentType, RegExp, string][] = [
  ["ads-ops", /\b(rejected|disapproved|disapproval|review|policy|ad account|paused by facebook)\b/i, "mentions an ad being rejected or reviewed"],
  ["copywriter", /\b(hooks?|copy|headlines?|write|rewrite|caption|tagline|slogan)\b/i, "asks for copy to be written"],
  ["web-builder", /\b(landing page|hero|website|web site|page|button|form|section)\b/i, "asks for a change to the website"],
  ["analyst", /\b(why|cost|costs|cpl|ctr|cpc|cpm|drop|dropped|doubled|spend|performance|leads?|report)\b/i, "asks about the numbers"],
];

const PRIORITY_RULES: [IssuePriority, RegExp][] = [
  ["CRITICAL", /\b(urgent|urgently|asap|emergency|critical|immediately|right now|outage|is down|is broken)\b|!{2,}/i],
  ["HIGH", /\b(today|soon|important|quickly|high priority|rejected|disapproved|doubled?|tripled?)\b/i],
  ["LOW", /\b(whenever|no rush|low priority|someday|eventually|when you have time)\b/i],
];

function typeFor(agentType: AgentType, text: string): IssueType {
  if (agentType === "analyst") return /\?|\bwhy\b/i.test(text) ? "QUESTION" : "ANALYSIS";
  if (agentType === "ads-ops") return "BUG";
  if (agentType === "web-builder") return "ENHANCEMENT";
  return "TASK";
}

/**
 * The deterministic classifier: what a malformed or failed model answer falls back to, and what the
 * offline model answers. Keywords pick the agent; urgency words pick the priority. An issue that
 * matches nothing goes to the analyst, who can at least look at the numbers and say what it sees.
 */
export function classifyByKeywords(input: { title: string; description: string }): Classification {
  const text = `${input.title}\n${input.description}`;
  const rule = AGENT_RULES.find(([, pattern]) => pattern.test(text));
  const agentType = rule?.[0] ?? "analyst";
  const priority = PRIORITY_RULES.find(([, pattern]) => pattern.test(text))?.[0] ?? "MEDIUM";
  const reason = rule ? `Keywords: ${rule[2]}.` : "No keywords matched; the analyst looks first.";
  return { type: typeFor(agentType, text), priority, agentType, reason };
}
