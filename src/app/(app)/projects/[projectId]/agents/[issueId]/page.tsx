import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { notFound } from "next/navigation";
import { CancelTaskButton } from "@/components/agent-tasks/cancel-task-button";
import { FeedbackForm } from "@/components/agent-tasks/feedback-form";
import { ISSUE_STATUS, PRIORITY_COLOR, isWorking } from "@/components/agent-tasks/labels";
import { LiveTaskRefresh } from "@/components/agent-tasks/live-task-refresh";
import { TaskArtifacts, TaskJobs, TaskLogs } from "@/components/agent-tasks/task-details";
import { loadTaskPage } from "@/server/agent-tasks/views/load-tasks";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";
import { isUuid } from "@/server/route-params";

export const dynamic = "force-dynamic";

/** Why the classifier chose this agent, where it said (the context holds the classifier's verdict). */
function classificationReason(context: Record<string, unknown>): string | null {
  const c = context.classification as { reason?: unknown } | undefined;
  return typeof c?.reason === "string" ? c.reason : null;
}

/** One agent task: status (live), classification and why, jobs with attempts, logs, artifacts, feedback. */
export default async function AgentTaskPage(props: { params: Promise<{ projectId: string; issueId: string }> }) {
  const { projectId, issueId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  if (!isUuid(issueId)) notFound();
  const { db } = await getDeps();
  const page = await loadTaskPage(db, { organizationId: viewer.organizationId, issueId, userId: viewer.userId });
  if (!page || page.issue.projectId !== project.id) notFound();
  const { issue } = page;
  const working = isWorking(issue.status);
  const finishedJob = page.jobs.filter((j) => j.status === "COMPLETED" || j.status === "FAILED").at(-1);
  const reason = classificationReason(issue.context);
  return (
    <Stack gap="md">
      <LiveTaskRefresh workingIssueIds={working ? [issue.id] : []} />
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={3}>{issue.title}</Title>
          <Badge color={ISSUE_STATUS[issue.status].color} aria-label="Status">{ISSUE_STATUS[issue.status].label}</Badge>
          {working && <CancelTaskButton issueId={issue.id} />}
        </Group>
        <Anchor href={`/projects/${project.id}/agents`} size="sm">All tasks</Anchor>
      </Group>
      <Card withBorder padding="md" component="section" aria-label="Classification">
        <Stack gap={4}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{issue.description}</Text>
          <Group gap="xs">
            <Badge variant="light">{issue.type ?? "unclassified"}</Badge>
            <Badge variant="light" color={PRIORITY_COLOR[issue.priority]}>{issue.priority}</Badge>
            <Badge variant="outline">{issue.agentType ?? "agent not chosen yet"}</Badge>
            <Text size="xs" c="dimmed">source {issue.source}{issue.classifiedBy ? `, classified by ${issue.classifiedBy}` : ""}</Text>
          </Group>
          {reason && <Text size="sm" c="dimmed">Why: {reason}</Text>}
        </Stack>
      </Card>
      <TaskJobs jobs={page.jobs} />
      <TaskArtifacts artifacts={page.artifacts} />
      {finishedJob && <FeedbackForm issueId={issue.id} given={page.feedback} />}
      <TaskLogs logs={page.logs} />
    </Stack>
  );
}
