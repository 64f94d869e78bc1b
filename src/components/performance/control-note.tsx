import { Text } from "@mantine/core";

export interface ControlNoteValue {
  ok: boolean;
  text: string;
}

/** What a simulated control just did (read out as a status), or why it failed (an alert). */
export function ControlNote(props: { note: ControlNoteValue | null }) {
  if (!props.note) return null;
  return (
    <Text size="xs" c={props.note.ok ? "dimmed" : "red"} role={props.note.ok ? "status" : "alert"}>
      {props.note.text}
    </Text>
  );
}
