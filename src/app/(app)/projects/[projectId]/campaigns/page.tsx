import { Anchor, Badge, Card, Stack, Table, Text, Title } from "@mantine/core";
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
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Daily budget</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.map((c) => {
                const plan = c.structure as { name?: string; dailyBudgetCents?: number } | null;
                const status = describeStatus(c.status);
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.version}</Table.Td>
                    <Table.Td>
                      <Anchor href={`/projects/${project.id}/campaigns/${c.id}`}>{plan?.name ?? `Plan v${c.version}`}</Anchor>
                    </Table.Td>
                    <Table.Td>{typeof plan?.dailyBudgetCents === "number" ? formatCents(plan.dailyBudgetCents) : "—"}</Table.Td>
                    <Table.Td>
                      <Badge color={status.color}>{status.label}</Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
