import { Badge, Card, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import { QUICK_CHOICE_LABELS, STATUS_LABELS, formatDollars, formatDuration, type StudioVersion } from "./labels";

/** Every version: what was asked, what was redone and reused, what it cost and how long it took. */
export function VersionHistory({ versions }: { versions: StudioVersion[] }) {
  const numberOf = new Map(versions.map((v) => [v.id, v.version]));
  return (
    <Card withBorder padding="md" component="section" aria-label="Version history">
      <Title order={5} mb="xs">Versions</Title>
      <Table aria-label="Versions" verticalSpacing={4}>
        <TableThead>
          <TableTr>
            <TableTh>Version</TableTh>
            <TableTh>Asked for</TableTh>
            <TableTh>Redone</TableTh>
            <TableTh>Status</TableTh>
            <TableTh>Cost</TableTh>
            <TableTh>Time</TableTh>
          </TableTr>
        </TableThead>
        <TableTbody>
          {[...versions].reverse().map((v) => {
            const from = v.reusedFromVersionId ? numberOf.get(v.reusedFromVersionId) : undefined;
            return (
              <TableTr key={v.id}>
                <TableTd>v{v.version}</TableTd>
                <TableTd>
                  <Text size="sm">{v.feedback ?? "First version"}</Text>
                  {v.quickChoice && QUICK_CHOICE_LABELS[v.quickChoice] !== v.feedback && (
                    <Badge variant="light" size="xs" style={{ overflow: "visible" }}>
                      {QUICK_CHOICE_LABELS[v.quickChoice] ?? v.quickChoice}
                    </Badge>
                  )}
                </TableTd>
                <TableTd>
                  <Text size="sm">{v.plan?.reason ?? "—"}</Text>
                  {from !== undefined && <Text size="xs" c="dimmed">The rest reused from v{from}</Text>}
                </TableTd>
                <TableTd>
                  <Text size="sm" fw={600} c={STATUS_LABELS[v.status].color}>
                    {STATUS_LABELS[v.status].label}
                  </Text>
                </TableTd>
                <TableTd title={`${v.cost.inputTokens + v.cost.outputTokens} model tokens, ${v.cost.sandboxSeconds.toFixed(1)} s of sandbox`}>
                  {formatDollars(v.cost.dollars)}
                </TableTd>
                <TableTd>{formatDuration(v.durationMs)}</TableTd>
              </TableTr>
            );
          })}
        </TableTbody>
      </Table>
    </Card>
  );
}
