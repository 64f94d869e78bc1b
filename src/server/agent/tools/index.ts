import type { AgentToolName } from "../catalogue";
import { explainMetric } from "./explain-metric";
import { generateReport } from "./generate-report";
import { moneyTools } from "./money";
import { showPerformance } from "./show-performance";
import type { AgentTool } from "./types";
import { writeAdCopy } from "./write-ad-copy";

/**
 * Every tool the agent can run, by name: the read/write-only ones here and the money/brief ones
 * (proposals only) from `./money`. A catalogue name without an entry answers "I can't do that yet".
 */
export const agentTools: Partial<Record<AgentToolName, AgentTool<never>>> = {
  show_performance: showPerformance as AgentTool<never>,
  explain_metric: explainMetric as AgentTool<never>,
  write_ad_copy: writeAdCopy as AgentTool<never>,
  generate_report: generateReport as AgentTool<never>,
  ...moneyTools,
};
