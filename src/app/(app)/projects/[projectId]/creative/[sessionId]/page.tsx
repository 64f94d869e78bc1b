import { Alert, Anchor, Badge, Grid, GridCol, Group, Stack, Text, Title } from "@mantine/core";
import { notFound } from "next/navigation";
import { FeedbackBox } from "@/components/creative/feedback-box";
import { HookGallery } from "@/components/creative/hook-gallery";
import { isWorking } from "@/components/creative/labels";
import { LineageTable } from "@/components/creative/lineage-table";
import { LiveRefresh } from "@/components/creative/live-refresh";
import { loadStudioPage } from "@/components/creative/load-studio";
import { VersionHistory } from "@/components/creative/version-history";
import { VersionProgress } from "@/components/creative/version-progress";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";
import { isUuid } from "@/server/route-params";

export const dynamic = "force-dynamic";

/**
 * One creative session: the current version's progress (live), the hooks with their images side
 * by side, feedback for the next version, every version so far, and how each hook did in campaigns.
 */
export default async function CreativeSessionPage(props: { params: Promise<{ projectId: string; sessionId: string }> }) {
  const { projectId, sessionId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  if (!isUuid(sessionId)) notFound();
  const { db, services } = await getDeps();
  const page = await loadStudioPage(db, services.storage, { organizationId: viewer.organizationId, sessionId });
  if (!page || page.session.projectId !== project.id) notFound();
  const latest = page.versions.at(-1);
  const working = isWorking(latest);
  const offline = page.versions.some((v) => v.generator === "offline");
  return (
    <Stack gap="md">
      <LiveRefresh sessionId={sessionId} working={working} />
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={3}>{page.session.brandName}</Title>
          <Text size="sm" c="dimmed">{page.session.brandUrl}</Text>
        </Stack>
        <Group gap="xs">
          <Badge variant="light" color={services.sandbox.kind === "local" ? "orange" : "blue"}>
            {services.sandbox.kind === "local" ? "Local sandbox (embedded, not isolated)" : "Daytona sandbox"}
          </Badge>
          <Anchor href={`/projects/${project.id}/creative`} size="sm">All sessions</Anchor>
        </Group>
      </Group>
      {offline && (
        <Alert color="orange" variant="light" aria-label="Offline generator">
          These creatives were written by the offline generator: deterministic demo text and simple drawn images, not a model. Set ANTHROPIC_API_KEY for real ones.
        </Alert>
      )}
      <Grid gap="md" align="flex-start">
        <GridCol span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            {latest && <VersionProgress version={latest} />}
            <FeedbackBox sessionId={sessionId} working={working} />
            <VersionHistory versions={page.versions} />
          </Stack>
        </GridCol>
        <GridCol span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {page.shown ? <HookGallery version={page.shown.version} hooks={page.shown.hooks} /> : <Text c="dimmed">The first version's hooks and images appear here when it is ready.</Text>}
            <LineageTable rows={page.lineage} />
          </Stack>
        </GridCol>
      </Grid>
    </Stack>
  );
}
