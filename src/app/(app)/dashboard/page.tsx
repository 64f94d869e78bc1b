import { Anchor, Card, Container, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { NewProjectForm } from "@/components/new-project-form";
import { requirePageViewer } from "@/server/auth/page";
import { getDeps } from "@/server/deps";
import { listProjects } from "@/server/projects";

export default async function DashboardPage() {
  const viewer = await requirePageViewer();
  const { db } = await getDeps();
  const projects = await listProjects(db, viewer.organizationId);
  return (
    <Container size="lg">
      <Stack gap="xl">
        <Title order={2}>Projects</Title>
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            New project
          </Title>
          <NewProjectForm />
        </Card>
        {projects.length === 0 ? (
          <Text c="dimmed">No projects yet. Create one above to start a brief with your agency.</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="ul" aria-label="Projects" style={{ listStyle: "none", padding: 0 }}>
            {projects.map((p) => (
              <Card key={p.id} withBorder component="li" padding="lg">
                <Anchor href={`/projects/${p.id}`} fw={600}>
                  {p.name}
                </Anchor>
                {p.websiteUrl && (
                  <Text size="sm" c="dimmed">
                    {p.websiteUrl}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt="xs">
                  Created {p.createdAt.toLocaleDateString("en-US", { dateStyle: "medium" })}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
