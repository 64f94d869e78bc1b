"use client";

import { Alert, Badge, Button, Card, Group, List, ListItem, Loader, Stack, Table, TableTbody, TableTd, TableTr, Text, Title } from "@mantine/core";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import type { AppJobView } from "@/server/appgen/view";
import { STAGES, STATE_COLOURS, stageStates } from "./stages";
import { useJob } from "./use-job";

/** Said whenever the job did not use the real model or a real sandbox, so nothing simulated passes for real. */
function SimulatedBadges({ job }: { job: AppJobView }) {
  return (
    <Group gap="xs">
      {job.generator === "offline" && <Badge color="orange" variant="light" component="a" href="/status" aria-label="Simulated: offline model">Simulated: offline model</Badge>}
      {job.sandboxKind === "local" && <Badge color="orange" variant="light" component="a" href="/status" aria-label="Simulated: local sandbox">Simulated: local sandbox</Badge>}
    </Group>
  );
}

function DownloadButton({ jobId }: { jobId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    setError(null);
    const res = await callJson<{ url: string; expiresAt: string }>(`/api/appgen/jobs/${jobId}/download`, { body: {} });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    window.location.assign(res.data.url);
  }
  return (
    <Stack gap="xs">
      <Button onClick={download} loading={busy} w="fit-content">Download ZIP</Button>
      {error && <Alert color="red" aria-label="Download error">{error}</Alert>}
    </Stack>
  );
}

/** The progress view: stages, each page, fix rounds, warnings; on completion only the download. */
export function JobProgress({ jobId }: { jobId: string }) {
  const { job, error } = useJob(jobId);
  if (!job) return error ? <Alert color="red" aria-label="Job error">{error}</Alert> : <Loader size="sm" aria-label="Loading the job" />;
  const states = stageStates(job);
  const finished = job.status === "completed" || job.status === "completed_with_warnings";
  return (
    <Stack gap="md" aria-label="Job progress">
      <Group gap="sm">
        <Badge size="lg" aria-label="Job status">{job.status.replaceAll("_", " ")}</Badge>
        {job.queuePosition !== null && <Text size="sm">Waiting in line: number {job.queuePosition}</Text>}
        <SimulatedBadges job={job} />
      </Group>
      {finished && <DownloadButton jobId={job.id} />}
      {job.status === "expired" && <Text aria-label="Expired">This app's ZIP has been removed to make room for newer builds. Build it again from the design.</Text>}
      {job.status === "failed" && <Alert color="red" aria-label="Job failed">{job.error ?? "The build failed."}</Alert>}
      <Card withBorder padding="md" component="section" aria-label="Stages">
        <Group gap="xs">
          {STAGES.map((s, i) => (
            <Badge key={s.key} color={STATE_COLOURS[states[i]!]} variant={states[i] === "running" ? "filled" : "light"} aria-label={`${s.label}: ${states[i]}`}>
              {s.label}
            </Badge>
          ))}
        </Group>
        <Text size="sm" mt="xs" aria-label="Fix rounds">Fix round {job.fixRound}/{job.maxFixRounds}</Text>
      </Card>
      <Card withBorder padding="md" component="section" aria-label="Pages">
        <Title order={5} mb="xs">Pages</Title>
        <Table>
          <TableTbody>
            {job.pages.map((p) => (
              <TableTr key={p.pageId} aria-label={`Page ${p.name}`}>
                <TableTd>{p.name}</TableTd>
                <TableTd>{p.route}</TableTd>
                <TableTd><Badge color={STATE_COLOURS[p.status]} variant="light">{p.status}</Badge></TableTd>
                <TableTd>{p.error}</TableTd>
              </TableTr>
            ))}
          </TableTbody>
        </Table>
      </Card>
      {job.warnings.length > 0 && (
        <Card withBorder padding="md" component="section" aria-label="Warnings">
          <Title order={5} mb="xs">Warnings</Title>
          <List size="sm">{job.warnings.map((w, i) => <ListItem key={i}>{w}</ListItem>)}</List>
        </Card>
      )}
    </Stack>
  );
}
