"use client";

import { Badge, Group, Loader, Stack, Text, UnstyledButton } from "@mantine/core";
import { useComposerBridge } from "@/components/chat/composer-bridge";
import { AGENT_TOOLS } from "@/server/agent/catalogue";

/** The Tools tab: what the agency can do; a click puts a ready prompt in the composer, a spinner shows the ones running. */
export function ToolsList() {
  const { setDraft, runningTools } = useComposerBridge();
  return (
    <Stack gap={4} component="ul" aria-label="Agent tools" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {AGENT_TOOLS.map((tool) => {
        const running = runningTools.includes(tool.name);
        return (
          <li key={tool.name}>
            <UnstyledButton
              onClick={() => setDraft(tool.prompt)}
              aria-label={tool.label}
              aria-describedby={`tool-${tool.name}`}
              data-testid="agent-tool"
              data-tool={tool.name}
              w="100%"
              p="xs"
              style={{ borderRadius: 6 }}
            >
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" fw={600}>{tool.label}</Text>
                <Group gap={6} wrap="nowrap">
                  {tool.movesMoney && <Badge size="xs" color="yellow" variant="light">needs your OK</Badge>}
                  {running && <Loader size="xs" aria-label={`${tool.label}: running`} role="status" />}
                </Group>
              </Group>
              <Text id={`tool-${tool.name}`} size="xs" c="dimmed">{running ? tool.runningLabel : tool.description}</Text>
            </UnstyledButton>
          </li>
        );
      })}
    </Stack>
  );
}
