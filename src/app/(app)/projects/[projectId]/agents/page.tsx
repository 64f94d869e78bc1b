import { Anchor, Group, Stack, Title } from "@mantine/core";
import { isWorking } from "@/components/agent-tasks/labels";
import { LiveTaskRefresh } from "@/components/agent-tasks/live-task-refresh";
import { NewTaskForm } from "@/components/agent-tasks/new-task-form";
import { TaskList } from "@/components/agent-tasks/task-list";
import { listProjectTasks } from "@/server/agent-tasks/views/load-tasks";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";

export const dynamic = "force-dynamic";

/** The project's agent tasks, live while any works, and a form to hand the agents a new one. */
export default async function AgentsPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  const { db } = await getDeps();
  const rows = await listProjectTasks(db, { organizationId: viewer.organizationId, projectId: project.id });
  return (
    <Stack gap="md">
      <LiveTaskRefresh workingIssueIds={rows.filter((r) => isWorking(r.issue.status)).map((r) => r.issue.id)} />
      <Group justify="space-between">
        <Title order={3}>Agents</Title>
        <Group gap="md">
          <Anchor href={`/projects/${project.id}/agents/improvements`} size="sm">Improvement board</Anchor>
          <Anchor href={`/projects/${project.id}`} size="sm">Back to the chat</Anchor>
        </Group>
      </Group>
      <NewTaskForm projectId={project.id} />
      <TaskList projectId={project.id} rows={rows} />
    </Stack>
  );
}
