import type { AgentToolName } from "./catalogue";
import type { MetricName, ToolInput } from "./tool-inputs";

/**
 * The offline model's tool choice: the owner's last message matched against plain phrasings, in
 * order (the first intent that matches wins), giving the same tool names and inputs the real model
 * would. Anything unmatched is a plain reply with no tool.
 */
export interface OfflineIntentCall {
  name: AgentToolName;
  input: ToolInput<AgentToolName>;
}

const METRIC_WORDS: [MetricName, RegExp][] = [
  ["cost_per_result", /\b(cost per (result|lead|sale|purchase|conversion)|cpa|cpl)\b/],
  ["ctr", /\b(ctr|click[- ]?(through )?rate)\b/],
  ["cpc", /\b(cpc|cost per click)\b/],
  ["cpm", /\b(cpm|cost per (1,?000|thousand|mille))\b/],
  ["roas", /\b(roas|return on (ad )?spend)\b/],
  ["frequency", /\bfrequency\b/],
  ["reach", /\breach\b/],
  ["impressions", /\bimpressions?\b/],
  ["conversions", /\b(conversions?|results?)\b/],
  ["spend", /\bspend\b/],
];

const ASKS_MEANING = /\b(what (is|are|does|'s)|what's|explain|meaning of|mean)\b/;

function metricAsked(text: string): MetricName | null {
  if (!ASKS_MEANING.test(text)) return null;
  return METRIC_WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
}

/** "30 a day", "$50 per day", "budget to 30": the amount, in the currency's main unit. */
function dailyBudgetAsked(text: string): number | null {
  const budgetWords = /\b(budget|spend|per day|a day|daily)\b/.test(text);
  const amount = text.match(/(?:[$€£]\s*)?(\d+(?:[.,]\d{1,2})?)\s*(?:[$€£]|dollars?|euros?|pounds?|usd|eur|gbp)?\s*(?:a|per|\/)\s*day\b/)
    ?? (budgetWords ? text.match(/\bbudget\b[^\d]{0,20}(\d+(?:[.,]\d{1,2})?)/) : null);
  if (!amount) return null;
  const value = Number(amount[1]!.replace(",", "."));
  return value > 0 ? value : null;
}

const CHANGE_BRIEF = /\b(we now|we also|now also|we no longer|we don't .* anymore|we stopped|we started|change (the|my) brief|update (the|my) brief|our (new )?(website|product|audience) is)\b/;

export function recogniseIntents(message: string): OfflineIntentCall[] {
  const text = message.toLowerCase().replace(/\s+/g, " ").trim();
  const metric = metricAsked(text);
  if (metric) return [{ name: "explain_metric", input: { metric } }];
  if (/\b(turn (it|them|my \w+|the \w+) back on|resume|restart|unpause|start (it|them|the ads) again|switch (it|them) back on)\b/.test(text)) {
    return [{ name: "resume_campaign", input: {} }];
  }
  if (/\b(pause|stop (the|my|all)? ?(ads|campaign)|turn (it|them|the ads|my ads|the campaign|my campaign) off|switch (it|them) off)\b/.test(text)) {
    return [{ name: "pause_campaign", input: {} }];
  }
  const budget = dailyBudgetAsked(text);
  if (budget !== null) return [{ name: "change_budget", input: { dailyBudget: budget } }];
  if (/\bnew campaign\b/.test(text)) return [{ name: "start_new_campaign", input: {} }];
  if (CHANGE_BRIEF.test(text)) return [{ name: "change_brief", input: { changes: message.trim().slice(0, 500) } }];
  if (/\b(ad copy|new (ad )?(text|headlines?|copy)|write .*\bads?\b|rewrite .*\bads?\b)\b/.test(text)) {
    return [{ name: "write_ad_copy", input: {} }];
  }
  if (/\breport\b/.test(text)) return [{ name: "generate_report", input: {} }];
  if (/\b(how (is|are|'s) (it|my|the|things)|how .* doing|performance|results so far|numbers|stats)\b/.test(text)) {
    return [{ name: "show_performance", input: {} }];
  }
  return [];
}
