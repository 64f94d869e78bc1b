import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { DesignBuilder } from "@/components/appgen/design-builder";
import { loadLatestDesign } from "@/server/appgen/design/records";
import { requirePageViewer } from "@/server/auth/page";
import { getDeps } from "@/server/deps";
import { getLatestBrief } from "@/server/onboarding/briefs";
import { listProjects } from "@/server/projects";
import { requirePageProject } from "@/server/projects/page";
import { isUuid } from "@/server/route-params";

export const dynamic = "force-dynamic";

/** The website builder: pick a project, then one design per page, and build the app. */
export default async function BuildPage(props: { searchParams: Promise<{ project?: string | string[] }> }) {
  const { project: asked } = await props.searchParams;
  const projectId = typeof asked === "string" && isUuid(asked) ? asked : null;
  if (!projectId) return <ProjectPicker />;

  const { project, viewer } = await requirePageProject(projectId);
  const { db } = await getDeps();
  const scope = { organizationId: viewer.organizationId, projectId: project.id };
  const [latest, brief] = await Promise.all([loadLatestDesign(db, { ...scope, ownerId: viewer.userId }), getLatestBrief(db, scope)]);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Website for {project.name}</Title>
        <Anchor href={`/projects/${project.id}`} size="sm">Back to the chat</Anchor>
      </Group>
      {brief ? (
        // A failed proposal is shown as such; a new one starts only when the owner asks again.
        <DesignBuilder projectId={project.id} initial={latest} />
      ) : (
        <Text>
          The website is designed from the project&apos;s brief. <Anchor href={`/projects/${project.id}`}>Finish the brief in the chat</Anchor> first.
        </Text>
      )}
    </Stack>
  );
}

async function ProjectPicker() {
  const viewer = await requirePageViewer();
  const { db } = await getDeps();
  const projects = await listProjects(db, viewer.organizationId);
  return (
    <Stack gap="md">
      <Title order={3}>Build a website</Title>
      <Card withBorder padding="md" component="section" aria-label="Choose a project">
        {projects.length === 0 ? (
          <Text size="sm" c="dimmed">No projects yet. <Anchor href="/dashboard">Create one</Anchor> and finish its brief first.</Text>
        ) : (
          <Stack gap={6}>
            <Text size="sm">Which business is the website for?</Text>
            {projects.map((p) => (
              <Anchor key={p.id} href={`/build?project=${p.id}`}>{p.name}</Anchor>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
