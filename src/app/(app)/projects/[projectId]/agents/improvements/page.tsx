import { Anchor, Badge, Card, Grid, GridCol, Group, Stack, Text, Title } from "@mantine/core";
import { DecideImprovement } from "@/components/agent-tasks/decide-improvement";
import { listImprovements } from "@/server/agent-tasks/improvements/board";
import { AGENT_TYPES } from "@/server/db/schema";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";

export const dynamic = "force-dynamic";

const STATUS_COLOR = { PENDING: "gray", ANALYZED: "blue", IMPLEMENTED: "green", DISMISSED: "gray" } as const;

/** The organization's improvement board: the weekly analysis's cards by agent type; owners decide. */
export default async function ImprovementBoardPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  const { db } = await getDeps();
  const cards = await listImprovements(db, viewer.organizationId);
  const owner = viewer.role === "OWNER";
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Improvement board</Title>
        <Anchor href={`/projects/${project.id}/agents`} size="sm">Back to the tasks</Anchor>
      </Group>
      <Text size="sm" c="dimmed">Every Monday the agency reads last week's worst-rated agent work and puts the patterns it finds here.</Text>
      <Grid gap="md" align="flex-start">
        {AGENT_TYPES.map((agentType) => {
          const mine = cards.filter((c) => c.agentType === agentType);
          return (
            <GridCol key={agentType} span={{ base: 12, md: 6, lg: 3 }}>
              <Stack gap="xs" component="section" aria-label={`Improvements for ${agentType}`}>
                <Title order={5}>{agentType}</Title>
                {mine.length === 0 && <Text size="sm" c="dimmed">No patterns found.</Text>}
                {mine.map((c) => (
                  <Card key={c.id} withBorder padding="sm" aria-label={c.title}>
                    <Group justify="space-between" mb={4}>
                      <Text fw={600} size="sm">{c.title}</Text>
                      <Badge color={STATUS_COLOR[c.status]} size="sm">{c.status}</Badge>
                    </Group>
                    <Text size="xs" c="dimmed">{c.week} · {c.feedbackIds.length} rating(s)</Text>
                    <Text size="sm" mt={4}>{c.pattern}</Text>
                    <Text size="sm" mt={4}><b>Recommendation:</b> {c.recommendation}</Text>
                    {owner && c.status === "ANALYZED" && <Group mt="xs"><DecideImprovement improvementId={c.id} /></Group>}
                  </Card>
                ))}
              </Stack>
            </GridCol>
          );
        })}
      </Grid>
    </Stack>
  );
}
