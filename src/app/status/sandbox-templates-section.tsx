import { Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import type { KindStatus, SandboxTemplatesStatus, TemplateRefreshStatus } from "@/server/sandbox/status";
import { TEMPLATE_REFRESH_ATTEMPTS } from "@/server/sandbox/templates";

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");
const KIND_LABEL = { daytona: "Daytona snapshot", local: "Local template directory" } as const;

function coldStartWords(k: KindStatus, targetMs: number): { text: string; color?: string } {
  if (!k.coldStart) return { text: "No sandbox started yet" };
  const median = `${k.coldStart.medianMs} ms median over ${k.coldStart.samples}`;
  return k.coldStart.meetsTarget
    ? { text: `${median}: meets < ${targetMs} ms from a pre-built snapshot`, color: "green.8" }
    : { text: `${median}: misses < ${targetMs} ms from a pre-built snapshot`, color: "red.8" };
}

function refreshWords(t: TemplateRefreshStatus): { text: string; color?: string } {
  const last = t.last;
  if (!last) return { text: "Not refreshed yet" };
  if (last.status === "succeeded") return { text: `Refreshed ${when(last.at)}`, color: "green.8" };
  if (last.status === "running") return { text: `Refreshing since ${when(last.at)} (attempt ${last.attempt})` };
  const given = last.attempt >= TEMPLATE_REFRESH_ATTEMPTS;
  const head = given ? `Failed after ${last.attempt} attempts` : `Attempt ${last.attempt} failed, retrying`;
  return { text: `${head} (${when(last.at)}): ${last.error ?? "no reason recorded"}`, color: given ? "red.8" : "orange.8" };
}

/** The snapshot sandboxes start from, each template's last refresh, and the cold-start median, failures in words. */
export function SandboxTemplatesSection({ status }: { status: SandboxTemplatesStatus | null }) {
  return (
    <Stack gap="sm" component="section" aria-label="Sandbox templates">
      <Title order={2}>Sandbox templates</Title>
      {status === null ? (
        <Text c="red.8">The sandbox template records could not be read.</Text>
      ) : (
        <>
          <Table withTableBorder aria-label="Active snapshots">
            <TableThead>
              <TableTr>
                <TableTh>Kind</TableTh>
                <TableTh>Active snapshot</TableTh>
                <TableTh>Latest failure</TableTh>
                <TableTh>Cold start</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {status.kinds.map((k) => {
                const cold = coldStartWords(k, status.targetMs);
                return (
                  <TableTr key={k.kind}>
                    <TableTd>
                      {KIND_LABEL[k.kind]}
                      {k.inUse ? " (in use)" : ""}
                    </TableTd>
                    <TableTd>{k.active ? `${k.active.name}, since ${when(k.active.activatedAt)}` : "None verified yet"}</TableTd>
                    <TableTd>
                      {k.failure ? (
                        <Text size="sm" c="red.8">{`${k.failure.name} failed (${when(k.failure.at)}): ${k.failure.error ?? "no reason recorded"}`}</Text>
                      ) : (
                        "None"
                      )}
                    </TableTd>
                    <TableTd>
                      <Text size="sm" c={cold.color}>{cold.text}</Text>
                    </TableTd>
                  </TableTr>
                );
              })}
            </TableTbody>
          </Table>
          <Table withTableBorder aria-label="Template refreshes">
            <TableThead>
              <TableTr>
                <TableTh>Template</TableTh>
                <TableTh>Last refresh</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {status.templates.map((t) => {
                const words = refreshWords(t);
                return (
                  <TableTr key={t.template}>
                    <TableTd>{t.template}</TableTd>
                    <TableTd>
                      <Text size="sm" c={words.color}>{words.text}</Text>
                    </TableTd>
                  </TableTr>
                );
              })}
            </TableTbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
