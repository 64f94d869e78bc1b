"use client";

import { Button, Group, Text, Textarea } from "@mantine/core";
import { useState, type FormEvent, type KeyboardEvent } from "react";

/**
 * The message box. The server enforces the real cap (and answers 413/400 naming it); the counter
 * here only tells the user before they hit it, so a long paste is never silently cut.
 */
export function Composer(props: {
  maxLength: number;
  disabled?: boolean;
  placeholder?: string;
  /** Controlled draft (the composer bridge lets other panels fill it); uncontrolled when absent. */
  draft?: { value: string; set: (text: string) => void };
  onSend: (text: string) => Promise<boolean>;
}) {
  const [ownText, setOwnText] = useState("");
  const text = props.draft ? props.draft.value : ownText;
  const setText = props.draft ? props.draft.set : setOwnText;
  const [sending, setSending] = useState(false);
  const tooLong = text.length > props.maxLength;
  const canSend = !props.disabled && !sending && text.trim().length > 0 && !tooLong;

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend) return;
    setSending(true);
    const ok = await props.onSend(text.trim());
    setSending(false);
    if (ok) setText("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter adds a line: the usual chat convention.
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Textarea
          aria-label="Message"
          placeholder={props.placeholder ?? "Type your answer…"}
          autosize
          minRows={1}
          maxRows={6}
          style={{ flex: 1 }}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          error={tooLong ? `Messages are limited to ${props.maxLength} characters` : undefined}
        />
        <Button type="submit" loading={sending} disabled={!canSend}>
          Send
        </Button>
      </Group>
      <Text size="xs" c={tooLong ? "red" : "dimmed"} ta="right" mt={4}>
        {text.length}/{props.maxLength}
      </Text>
    </form>
  );
}
