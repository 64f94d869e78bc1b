import { Anchor, Badge, Card, Group, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import { STATUS_LABELS } from "@/components/creative/labels";
import { listStudioSessions } from "@/components/creative/load-studio";
import { NewSessionForm } from "@/components/creative/new-session-form";
import { getDeps } from "@/server/deps";
import { getLatestBrief } from "@/server/onboarding/briefs";
import { requirePageProject } from "@/server/projects/page";

export const dynamic = "force-dynamic";

/** The project's creative sessions, and a form to start one from the brand's website. */
export default async function CreativeStudioPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  const { db } = await getDeps();
  const scope = { organizationId: viewer.organizationId, projectId: project.id };
  const [sessions, brief] = await Promise.all([listStudioSessions(db, scope), getLatestBrief(db, scope)]);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Creative studio</Title>
        <Anchor href={`/projects/${project.id}`} size="sm">Back to the chat</Anchor>
      </Group>
      <NewSessionForm projectId={project.id} defaultUrl={brief?.websiteUrl ?? ""} />
      <Card withBorder padding="md" component="section" aria-label="Creative sessions">
        {sessions.length === 0 ? (
          <Text size="sm" c="dimmed">No creatives yet.</Text>
        ) : (
          <Table aria-label="Sessions">
            <TableThead>
              <TableTr>
                <TableTh>Brand</TableTh>
                <TableTh>Latest version</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {sessions.map((s) => (
                <TableTr key={s.id}>
                  <TableTd>
                    <Anchor href={`/projects/${project.id}/creative/${s.id}`}>{s.brandName}</Anchor>
                  </TableTd>
                  <TableTd>
                    {s.latest && (
                      <Group gap="xs">
                        <Text size="sm">v{s.latest.version}</Text>
                        <Badge color={STATUS_LABELS[s.latest.status].color}>{STATUS_LABELS[s.latest.status].label}</Badge>
                      </Group>
                    )}
                  </TableTd>
                </TableTr>
              ))}
            </TableTbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
