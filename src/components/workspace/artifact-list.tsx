"use client";

import { Anchor, Badge, Group, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import type { ArtifactGroup, ArtifactView } from "@/server/workspace/artifacts";
import { ArtifactPreview } from "./artifact-preview";

const when = (d: Date | string) => new Date(d).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/** The Artifacts tab: everything the agency made for the project, by kind, newest first; a click opens the preview. */
export function ArtifactList(props: { groups: ArtifactGroup<ArtifactView>[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  // Looked up by id so the open preview follows the refreshed list (and closes if the artifact went away).
  const open = props.groups.flatMap((g) => g.items).find((a) => a.id === openId) ?? null;
  if (props.groups.length === 0) {
    return (
      <Text size="sm" c="dimmed" role="status">
        Nothing yet. Your brief, campaign plans, ad copy, pictures and reports appear here as the agency makes them.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {props.groups.map((group) => (
        <Stack key={group.key} gap={4} component="section" aria-label={group.label}>
          <Group gap="xs">
            <Title order={6}>{group.label}</Title>
            <Badge size="xs" variant="light" color="gray">{group.items.length}</Badge>
          </Group>
          {group.items.map((a) => (
            <Group key={a.id} gap="xs" wrap="nowrap" justify="space-between" data-testid="artifact" data-type={a.type}>
              <UnstyledButton onClick={() => setOpenId(a.id)} style={{ flex: 1, minWidth: 0 }} aria-label={`Open ${a.title}`}>
                <Text size="sm" fw={600} truncate>{a.title}</Text>
                <Text size="xs" c="dimmed" lineClamp={2}>{a.summary}</Text>
                <Text size="xs" c="dimmed">{when(a.createdAt)}</Text>
              </UnstyledButton>
              {a.download && (
                <Anchor href={a.download.url} download={a.download.filename} size="xs" aria-label={`Download ${a.title}`}>
                  Download
                </Anchor>
              )}
            </Group>
          ))}
        </Stack>
      ))}
      <ArtifactPreview artifact={open} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
