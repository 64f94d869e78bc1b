import { Group, Stack, Text } from "@mantine/core";
import type { MessageRole } from "../types";
import { TextMessage } from "./text-message";

export interface AgentReplyTool {
  name: string;
  status: string;
  summary: string;
}

const LABEL: Record<string, string> = { done: "done", proposed: "waiting for your OK", refused: "not possible", failed: "failed" };

/** The tools an agent reply's metadata names, tolerating odd rows (one bad row never breaks the thread). */
export function parseAgentTools(metadata: Record<string, unknown> | null): AgentReplyTool[] {
  const tools = metadata?.tools;
  if (!Array.isArray(tools)) return [];
  return tools.filter(
    (t): t is AgentReplyTool => !!t && typeof t === "object" && typeof t.name === "string" && typeof t.status === "string",
  );
}

/** The agent's answer, with a line per tool it used (what and how it ended). */
export function AgentReplyMessage(props: { role: MessageRole; content: string; tools: AgentReplyTool[] }) {
  return (
    <Stack gap={4}>
      <TextMessage role={props.role} content={props.content} />
      {props.tools.length > 0 && (
        <Group gap="xs" aria-label="Tools used">
          {props.tools.map((t, i) => (
            <Text key={`${t.name}-${i}`} size="xs" c="dimmed">
              🔧 {t.name.replace(/_/g, " ")}: {LABEL[t.status] ?? t.status}
            </Text>
          ))}
        </Group>
      )}
    </Stack>
  );
}
