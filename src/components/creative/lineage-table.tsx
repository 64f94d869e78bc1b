import { Card, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import { formatCents } from "@/components/campaign/format";
import type { HookPerformance } from "@/server/creative/lineage/hook-performance";

/** How the ads made from each hook did, so the next feedback can say "more like hook 3". */
export function LineageTable({ rows }: { rows: HookPerformance[] }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="How each hook performed">
      <Title order={5} mb="xs">How each hook did in campaigns</Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No campaign has used these hooks yet. The next campaign plan takes its ads from the newest ready version.
        </Text>
      ) : (
        <Table aria-label="Hook performance">
          <TableThead>
            <TableTr>
              <TableTh>Hook</TableTh>
              <TableTh>Ads</TableTh>
              <TableTh>Views</TableTh>
              <TableTh>Click rate</TableTh>
              <TableTh>Cost per result</TableTh>
            </TableTr>
          </TableThead>
          <TableTbody>
            {rows.map((r) => (
              <TableTr key={`${r.versionId}-${r.hookNumber}`}>
                <TableTd>
                  v{r.version} hook {r.hookNumber}: {r.headline}
                </TableTd>
                <TableTd>{r.ads}</TableTd>
                <TableTd>{r.impressions.toLocaleString("en-US")}</TableTd>
                <TableTd>{r.ctr === null ? "—" : `${r.ctr.toFixed(2)}%`}</TableTd>
                <TableTd>{r.costPerResultCents === null || !r.currency ? "—" : formatCents(r.costPerResultCents, r.currency)}</TableTd>
              </TableTr>
            ))}
          </TableTbody>
        </Table>
      )}
    </Card>
  );
}
