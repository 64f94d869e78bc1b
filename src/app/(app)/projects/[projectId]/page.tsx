import { Anchor, Card, Group, Title } from "@mantine/core";
import { ChatPanel } from "@/components/chat/chat-panel";
import { loadThread } from "@/components/chat/load-thread";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";

export const dynamic = "force-dynamic";

/**
 * The project's main page: the chat with the agency (onboarding, then plans, approvals and
 * deployment). The thread is read here on the server; the chat refreshes it as things happen.
 */
export default async function ProjectPage(props: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ facebook?: string; message?: string }>;
}) {
  const { projectId } = await props.params;
  const query = await props.searchParams;
  // The Facebook callback comes back here with `?facebook=error&message=...` when the login failed.
  const facebookError = query.facebook === "error" ? (query.message ?? "Facebook did not connect.").slice(0, 500) : null;
  const { project, viewer } = await requirePageProject(projectId);
  const { db } = await getDeps();
  const thread = await loadThread(db, { organizationId: viewer.organizationId, userId: viewer.userId, projectId: project.id });
  return (
    <Card withBorder padding="lg" component="section" aria-label="Chat" id="chat">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Chat</Title>
        <Anchor href={`/projects/${project.id}/campaigns`} size="sm">
          Campaigns
        </Anchor>
      </Group>
      <ChatPanel thread={thread} facebookError={facebookError} />
    </Card>
  );
}
