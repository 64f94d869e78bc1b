import { Badge, Card, Code, Group, Stack, Text } from "@mantine/core";
import { parseUnifiedDiff, type DiffLineKind } from "./diff-lines";

const STYLE: Record<DiffLineKind, { background?: string; color?: string; sign: string }> = {
  add: { background: "var(--mantine-color-green-light)", sign: "+" },
  del: { background: "var(--mantine-color-red-light)", sign: "-" },
  context: { sign: " " },
  hunk: { background: "var(--mantine-color-blue-light)", color: "var(--mantine-color-blue-light-color)", sign: "" },
  meta: { color: "var(--mantine-color-dimmed)", sign: "" },
};

/** A CODE_CHANGE artifact's diff, file by file: added lines green, removed red, with line numbers. Text only (React escapes it). */
export function DiffView({ patch }: { patch: string }) {
  const files = parseUnifiedDiff(patch);
  if (!files.length) return <Text size="sm" c="dimmed">The change is empty.</Text>;
  return (
    <Stack gap="sm" aria-label="Diff">
      {files.map((f, i) => (
        <Card key={`${f.path}-${i}`} withBorder padding={0} component="section" aria-label={`Changes to ${f.path}`}>
          <Group justify="space-between" px="sm" py={4}>
            <Code>{f.path}</Code>
            <Group gap={4}>
              <Badge color="green" variant="light">+{f.additions}</Badge>
              <Badge color="red" variant="light">-{f.deletions}</Badge>
            </Group>
          </Group>
          <div style={{ overflowX: "auto", fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 }}>
            <table style={{ borderCollapse: "collapse", width: "100%" }}>
              <tbody>
                {f.lines.map((l, j) => (
                  <tr key={j} data-kind={l.kind} style={{ background: STYLE[l.kind].background, color: STYLE[l.kind].color }}>
                    <td style={{ width: 40, textAlign: "right", opacity: 0.6, paddingRight: 6 }}>{l.oldNo ?? ""}</td>
                    <td style={{ width: 40, textAlign: "right", opacity: 0.6, paddingRight: 6 }}>{l.newNo ?? ""}</td>
                    <td style={{ whiteSpace: "pre", paddingLeft: 4 }}>{STYLE[l.kind].sign}{l.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ))}
    </Stack>
  );
}
