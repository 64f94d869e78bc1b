import { Anchor, Badge, Card, Group, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text } from "@mantine/core";
import type { listProjectTasks } from "@/server/agent-tasks/views/load-tasks";
import { ISSUE_STATUS, PRIORITY_COLOR } from "./labels";

type Rows = Awaited<ReturnType<typeof listProjectTasks>>;

/** The project's latest tasks: status, priority, which agent, and its latest job's attempts. */
export function TaskList({ projectId, rows }: { projectId: string; rows: Rows }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Agent tasks">
      {rows.length === 0 ? <Text size="sm" c="dimmed">No tasks yet.</Text> : (
        <Table aria-label="Tasks">
          <TableThead><TableTr><TableTh>Task</TableTh><TableTh>Status</TableTh><TableTh>Priority</TableTh><TableTh>Agent</TableTh><TableTh>Attempts</TableTh></TableTr></TableThead>
          <TableTbody>
            {rows.map(({ issue, job }) => (
              <TableTr key={issue.id} data-status={issue.status}>
                <TableTd><Anchor href={`/projects/${projectId}/agents/${issue.id}`}>{issue.title}</Anchor></TableTd>
                <TableTd><Group gap={4}><Badge color={ISSUE_STATUS[issue.status].color}>{ISSUE_STATUS[issue.status].label}</Badge></Group></TableTd>
                <TableTd><Badge variant="light" color={PRIORITY_COLOR[issue.priority]}>{issue.priority}</Badge></TableTd>
                <TableTd>{issue.agentType ?? "—"}</TableTd>
                <TableTd>{job ? `${job.attempts} / ${job.maxAttempts}` : "—"}</TableTd>
              </TableTr>
            ))}
          </TableTbody>
        </Table>
      )}
    </Card>
  );
}
