import { Anchor, Card, Grid, GridCol, Group, Title } from "@mantine/core";
import { ChatPanel } from "@/components/chat/chat-panel";
import { ChatHeaderActions } from "@/components/chat/chat-header-actions";
import { ComposerBridgeProvider } from "@/components/chat/composer-bridge";
import { loadThread } from "@/components/chat/load-thread";
import { AccountPausedBanner } from "@/components/webhooks/account-paused-banner";
import { loadAccountPauses, projectAdAccountIds } from "@/components/webhooks/load-account-pauses";
import { RightPanelTabs } from "@/components/workspace/right-panel-tabs";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";
import { loadProjectActivity } from "@/server/workspace/activity";
import { loadArtifactViews } from "@/server/workspace/artifacts";

export const dynamic = "force-dynamic";

/**
 * The project's main page: the chat with the agency (onboarding, then plans, approvals and
 * deployment) and, beside it, the workspace panel (tools, artifacts, activity). Everything is read
 * here on the server; the chat refreshes the page as things happen, which refreshes the panel too.
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
  const scope = { organizationId: viewer.organizationId, projectId: project.id };
  const [thread, adAccountIds, artifacts, activity] = await Promise.all([
    loadThread(db, { ...scope, userId: viewer.userId }),
    projectAdAccountIds(db, scope),
    loadArtifactViews(db, scope),
    loadProjectActivity(db, scope),
  ]);
  const pauses = await loadAccountPauses(db, { organizationId: viewer.organizationId, adAccountIds: [...adAccountIds, thread.connection?.adAccountId] });
  return (
    <ComposerBridgeProvider>
      {/* Chat on the left, the panel on the right; stacked (chat first) on narrow screens. */}
      <Grid gap="md" align="flex-start">
        <GridCol span={{ base: 12, md: 7 }}>
          <Card withBorder padding="lg" component="section" aria-label="Chat" id="chat">
            <Group justify="space-between" mb="sm">
              <Title order={4}>Chat</Title>
              <Group gap="md" align="flex-start">
                {/* Once onboarding is done the brief can be changed from here too, wherever the thread is scrolled. */}
                {thread.brief && <ChatHeaderActions projectId={project.id} conversationId={thread.messages.at(-1)?.conversationId} />}
                <Anchor href={`/projects/${project.id}/campaigns`} size="sm">
                  Campaigns
                </Anchor>
                <Anchor href={`/projects/${project.id}/creative`} size="sm">
                  Creative studio
                </Anchor>
                <Anchor href={`/build?project=${project.id}`} size="sm">
                  Website
                </Anchor>
                <Anchor href={`/projects/${project.id}/agents`} size="sm">
                  Agents
                </Anchor>
              </Group>
            </Group>
            <AccountPausedBanner pauses={pauses} />
            <ChatPanel thread={thread} facebookError={facebookError} />
          </Card>
        </GridCol>
        <GridCol span={{ base: 12, md: 5 }}>
          <RightPanelTabs artifacts={artifacts ?? []} activity={activity ?? []} />
        </GridCol>
      </Grid>
    </ComposerBridgeProvider>
  );
}
