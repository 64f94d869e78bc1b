import { Paper, Text } from "@mantine/core";
import type { MessageRole } from "../types";

/** A plain chat bubble: the user's on the right, the agency's on the left. */
export function TextMessage(props: { role: MessageRole; content: string; streaming?: boolean }) {
  const mine = props.role === "USER";
  return (
    <Paper
      p="sm"
      radius="md"
      maw="80%"
      ml={mine ? "auto" : undefined}
      bg={mine ? "blue.0" : "gray.0"}
      aria-label={mine ? "Your message" : "Agency message"}
      aria-busy={props.streaming || undefined}
    >
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {props.content}
        {props.streaming && <Text span c="dimmed"> ▍</Text>}
      </Text>
    </Paper>
  );
}
