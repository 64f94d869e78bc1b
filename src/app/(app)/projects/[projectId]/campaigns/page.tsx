import { Anchor, Badge, Card, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import { describeStatus, formatCents } from "@/components/campaign/format";
import { listProjectCampaigns } from "@/components/campaign/load-campaigns";
import { SimulatedAccountMarker } from "@/components/campaign/simulated-account-marker";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";

export const dynamic = "force-dynamic";

/** Every plan version of the project with its status; each links to its campaign view. */
export default async function CampaignsPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  const { db, services } = await getDeps();
  const campaigns = await listProjectCampaigns(db, { organizationId: viewer.organizationId, projectId: project.id });
  return (
    <Card withBorder padding="lg" component="section" aria-label="Campaigns">
      <Stack gap="md">
        <Title order={4}>Campaigns</Title>
        {services.facebook.kind === "simulated" && <SimulatedAccountMarker />}
        {campaigns.length === 0 ? (
          <Text c="dimmed" size="sm">
            No campaigns yet. Finish the brief in the <Anchor href={`/projects/${project.id}`}>chat</Anchor> and the agency drafts one.
          </Text>
        ) : (
          <Table aria-label="Campaign versions">
            <TableThead>
              <TableTr>
                <TableTh>Version</TableTh>
                <TableTh>Name</TableTh>
                <TableTh>Daily budget</TableTh>
                <TableTh>Status</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {campaigns.map((c) => {
                const plan = c.structure as { name?: string; dailyBudgetCents?: number } | null;
                const status = describeStatus(c.status);
                return (
                  <TableTr key={c.id}>
                    <TableTd>{c.version}</TableTd>
                    <TableTd>
                      <Anchor href={`/projects/${project.id}/campaigns/${c.id}`}>{plan?.name ?? `Plan v${c.version}`}</Anchor>
                    </TableTd>
                    <TableTd>{typeof plan?.dailyBudgetCents === "number" ? formatCents(plan.dailyBudgetCents, c.currency) : "—"}</TableTd>
                    <TableTd>
                      <Badge color={status.color}>{status.label}</Badge>
                    </TableTd>
                  </TableTr>
                );
              })}
            </TableTbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
