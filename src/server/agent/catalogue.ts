/**
 * What the agent can do, in the owner's words: the Tools tab lists these, a click puts `prompt` in
 * the composer, and the model is offered the same names. `movesMoney` tools never act directly:
 * they record a proposal the owner approves (the optimisation engine's ledger path).
 */
export const AGENT_TOOL_NAMES = [
  "show_performance",
  "explain_metric",
  "write_ad_copy",
  "change_brief",
  "pause_campaign",
  "resume_campaign",
  "change_budget",
  "start_new_campaign",
  "generate_report",
] as const;

export type AgentToolName = (typeof AGENT_TOOL_NAMES)[number];

export interface AgentToolEntry {
  name: AgentToolName;
  /** Short label for the Tools tab and the "working on it" line. */
  label: string;
  /** What it does, for the owner (Tools tab) and the model (tool description). */
  description: string;
  /** Ready prompt the Tools tab puts in the composer. */
  prompt: string;
  /** True when it moves money or touches Facebook: only ever a proposal the owner approves. */
  movesMoney: boolean;
  /** Shown while it runs ("Reading this week's numbers…"). */
  runningLabel: string;
}

export const AGENT_TOOLS: readonly AgentToolEntry[] = [
  {
    name: "show_performance",
    label: "Show performance",
    description: "Shows how the live campaign is doing: spend, results, clicks and return, today and over the last days.",
    prompt: "How is my campaign doing so far?",
    movesMoney: false,
    runningLabel: "Reading the latest numbers…",
  },
  {
    name: "explain_metric",
    label: "Explain a number",
    description: "Explains a marketing number (click rate, cost per result, return on ad spend, reach, frequency…) in plain words, with this campaign's value.",
    prompt: "What does click rate mean for my campaign?",
    movesMoney: false,
    runningLabel: "Looking up what that number means…",
  },
  {
    name: "write_ad_copy",
    label: "Write new ad copy",
    description: "Writes fresh ad text and headlines from the brief, saved as an Ad copy artifact. Nothing is published.",
    prompt: "Write me some new ad copy.",
    movesMoney: false,
    runningLabel: "Writing new ad copy…",
  },
  {
    name: "change_brief",
    label: "Change the brief",
    description: "Proposes a change to the project's brief (product, audience, places, budget, goal…); the owner confirms it, then a new plan is made.",
    prompt: "We now also ship to Canada.",
    movesMoney: false,
    runningLabel: "Preparing the brief change…",
  },
  {
    name: "pause_campaign",
    label: "Pause the campaign",
    description: "Proposes pausing the live campaign on Facebook. It waits for the owner's approval.",
    prompt: "Please pause my campaign.",
    movesMoney: true,
    runningLabel: "Preparing the pause for your OK…",
  },
  {
    name: "resume_campaign",
    label: "Resume the campaign",
    description: "Proposes turning a paused campaign back on. It waits for the owner's approval.",
    prompt: "Please turn my campaign back on.",
    movesMoney: true,
    runningLabel: "Preparing the restart for your OK…",
  },
  {
    name: "change_budget",
    label: "Change the budget",
    description: "Proposes a new daily budget for the live campaign, checked against the autonomy policy. It waits for the owner's approval.",
    prompt: "Change my daily budget to 30.",
    movesMoney: true,
    runningLabel: "Checking the new budget against your limits…",
  },
  {
    name: "start_new_campaign",
    label: "Start a new campaign",
    description: "Makes a new campaign plan from the brief; the owner approves the plan before anything reaches Facebook.",
    prompt: "Start a new campaign.",
    movesMoney: true,
    runningLabel: "Asking the planner for a new campaign…",
  },
  {
    name: "generate_report",
    label: "Report now",
    description: "Builds the report of the last complete week (spend, reach, results, cost per result, return) now.",
    prompt: "Send me a report now.",
    movesMoney: false,
    runningLabel: "Putting the report together…",
  },
];

export function toolEntry(name: AgentToolName): AgentToolEntry {
  const entry = AGENT_TOOLS.find((t) => t.name === name);
  if (!entry) throw new Error(`Unknown agent tool ${name}`);
  return entry;
}
