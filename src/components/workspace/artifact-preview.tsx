"use client";

import { Button, Group, Image, List, ListItem, Modal, Stack, Table, TableTbody, TableTd, TableTr, Text, Title } from "@mantine/core";
import { WeeklyReportCard } from "@/components/reports/report-card";
import type { ArtifactDetail } from "@/server/workspace/artifact-content";
import type { ArtifactView } from "@/server/workspace/artifacts";

/** The artifact opened from the Artifacts tab: its content as the owner reads it, and the download. */
export function ArtifactPreview(props: { artifact: ArtifactView | null; onClose: () => void }) {
  const { artifact } = props;
  return (
    <Modal opened={artifact !== null} onClose={props.onClose} title={artifact?.title ?? ""} size="lg">
      {artifact && (
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {new Date(artifact.createdAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}
          </Text>
          <DetailBody detail={artifact.detail} />
          {/* A report card carries its own "Download PDF" link: one button, not two. */}
          {artifact.download && artifact.detail.kind !== "report" && (
            <Group justify="flex-end">
              <Button component="a" href={artifact.download.url} download={artifact.download.filename} variant="light">
                Download {artifact.download.kind === "pdf" ? "PDF" : artifact.download.kind === "image" ? "picture" : "as text"}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

function Lines(props: { heading: string; items?: string[] }) {
  if (!props.items?.length) return null;
  return (
    <Stack gap={2}>
      <Title order={6}>{props.heading}</Title>
      <List size="sm" spacing={2}>{props.items.map((t, i) => <ListItem key={i}>{t}</ListItem>)}</List>
    </Stack>
  );
}

function DetailBody({ detail }: { detail: ArtifactDetail }) {
  switch (detail.kind) {
    case "brief":
      return (
        <Table>
          <TableTbody>
            {detail.fields.map((f) => (
              <TableTr key={f.label}>
                <TableTd fw={600} w="35%">{f.label}</TableTd>
                <TableTd>{f.value}</TableTd>
              </TableTr>
            ))}
          </TableTbody>
        </Table>
      );
    case "campaign":
      return (
        <Stack gap="xs">
          <Text size="sm">{detail.name}: {detail.objective}, {detail.dailyBudget} a day.</Text>
          {detail.summary && <Text size="sm" c="dimmed">{detail.summary}</Text>}
          {detail.adSets.map((set) => (
            <Lines key={set.name} heading={`${set.name} (${set.audience})`} items={set.ads.map((ad) => `${ad.headline}: ${ad.primaryText} [${ad.button}]`)} />
          ))}
        </Stack>
      );
    case "ad-copy":
      return (
        <Stack gap="xs">
          {detail.copy.angle && <Text size="sm">Angle: {detail.copy.angle}</Text>}
          <Lines heading="Headlines" items={detail.copy.headlines} />
          <Lines heading="Primary texts" items={detail.copy.primaryTexts} />
          <Lines heading="Descriptions" items={detail.copy.descriptions} />
        </Stack>
      );
    case "image":
      return (
        <Stack gap="xs">
          <Image src={detail.imageUrl} alt={detail.caption} radius="sm" fit="contain" mah={420} />
          <Text size="xs" c="dimmed">{detail.caption}</Text>
        </Stack>
      );
    case "report":
      return <WeeklyReportCard card={detail.card} />;
    case "text":
      return (
        <Text size="xs" component="pre" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {detail.text}
        </Text>
      );
  }
}
