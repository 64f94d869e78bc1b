import { Anchor, Container, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { requirePageProject } from "@/server/projects/page";

/** Header shared by every page of a project (chat, campaigns, reports...), which render below it. */
export default async function ProjectLayout(props: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const { project } = await requirePageProject(projectId);
  return (
    <Container size="lg">
      <Stack gap="md">
        <Anchor href="/dashboard" size="sm">
          ← All projects
        </Anchor>
        <Group justify="space-between" align="baseline">
          <Title order={2}>{project.name}</Title>
          {project.websiteUrl && (
            <Anchor href={project.websiteUrl} target="_blank" rel="noreferrer" size="sm">
              {project.websiteUrl}
            </Anchor>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Created {project.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}
        </Text>
        {props.children}
      </Stack>
    </Container>
  );
}
