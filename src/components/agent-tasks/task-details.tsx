import { Badge, Card, Code, Group, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import type { TaskPage } from "@/server/agent-tasks/views/load-tasks";
import { DiffView } from "./diff-view";
import { SafeMarkdown } from "./safe-markdown";

const JOB_COLOR: Record<TaskPage["jobs"][number]["status"], string> = { PENDING: "gray", RUNNING: "blue", COMPLETED: "green", FAILED: "red", CANCELLED: "orange" };
const LOG_COLOR: Record<TaskPage["logs"][number]["level"], string> = { DEBUG: "gray", INFO: "blue", WARN: "orange", ERROR: "red" };
const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");

export function TaskJobs({ jobs }: { jobs: TaskPage["jobs"] }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Jobs">
      <Title order={5} mb="xs">Jobs</Title>
      {jobs.length === 0 ? <Text size="sm" c="dimmed">No job yet: the task is being classified.</Text> : (
        <Table aria-label="Job list">
          <TableThead><TableTr><TableTh>Agent</TableTh><TableTh>Status</TableTh><TableTh>Attempts</TableTh><TableTh>Started</TableTh><TableTh>Finished</TableTh></TableTr></TableThead>
          <TableTbody>
            {jobs.map((j) => (
              <TableTr key={j.id}>
                <TableTd>{j.agentType} <Text span size="xs" c="dimmed">({j.model})</Text></TableTd>
                <TableTd><Badge color={JOB_COLOR[j.status]}>{j.status}</Badge>{j.error && <Text size="xs" c="red">{j.error}</Text>}</TableTd>
                <TableTd>{j.attempts} / {j.maxAttempts}</TableTd>
                <TableTd>{when(j.startedAt)}</TableTd>
                <TableTd>{when(j.completedAt)}</TableTd>
              </TableTr>
            ))}
          </TableTbody>
        </Table>
      )}
    </Card>
  );
}

export function TaskLogs({ logs }: { logs: TaskPage["logs"] }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Logs">
      <Title order={5} mb="xs">Logs</Title>
      {logs.length === 0 ? <Text size="sm" c="dimmed">Nothing logged yet.</Text> : (
        <Stack gap={4}>
          {logs.map((l) => (
            <Group key={l.id} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>{when(l.timestamp)}</Text>
              <Badge size="xs" color={LOG_COLOR[l.level]}>{l.level}</Badge>
              <Text size="xs" style={{ wordBreak: "break-word" }}>{l.message}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export function TaskArtifacts({ artifacts }: { artifacts: TaskPage["artifacts"] }) {
  if (!artifacts.length) return null;
  return (
    <Stack gap="md" component="section" aria-label="Artifacts">
      {artifacts.map((a) => (
        <Card key={a.id} withBorder padding="md" aria-label={`Artifact ${a.name}`}>
          <Group gap="xs" mb="xs">
            <Badge variant="light">{a.type}</Badge>
            <Title order={5}>{a.name}</Title>
            {a.filePath && <Code>{a.filePath}</Code>}
          </Group>
          <Stack gap="sm">
            {a.content && <SafeMarkdown source={a.content} />}
            {a.type === "CODE_CHANGE" && a.diffPatch && <DiffView patch={a.diffPatch} />}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
