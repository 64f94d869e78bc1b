import { z } from "zod";
import type { ToolDefinition } from "@/server/services/llm";
import { AGENT_TOOLS } from "./catalogue";
import { TOOL_INPUTS } from "./tool-inputs";

/** What the model is offered: the catalogue's names and descriptions, the shared zod inputs as JSON schema. */
export function agentToolDefinitions(): ToolDefinition[] {
  return AGENT_TOOLS.map((t) => {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(TOOL_INPUTS[t.name]) as Record<string, unknown>;
    const note = t.movesMoney ? " Only records a proposal; the owner approves it on its card." : "";
    return { name: t.name, description: `${t.description}${note}`, inputSchema: schema };
  });
}
