"use client";

import { Button, Group, Text, Textarea } from "@mantine/core";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useComposerBridgeState } from "./composer-bridge";

/**
 * The message box. The server enforces the real cap (and answers 413/400 naming it); the counter
 * here only tells the user before they hit it, so a long paste is never silently cut.
 */
export function Composer(props: { maxLength: number; disabled?: boolean; onSend: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  // A prompt put here from the panel's Tools tab replaces what was typed and takes the focus.
  // (Adopted while rendering, React's pattern for state that follows a changed input.)
  const { draft } = useComposerBridgeState();
  const [adoptedSeq, setAdoptedSeq] = useState(draft?.seq ?? 0);
  if (draft && draft.seq !== adoptedSeq) {
    setAdoptedSeq(draft.seq);
    setText(draft.text);
  }
  useEffect(() => {
    if (adoptedSeq > 0) box.current?.focus();
  }, [adoptedSeq]);
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
          ref={box}
          placeholder="Type your answer…"
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
