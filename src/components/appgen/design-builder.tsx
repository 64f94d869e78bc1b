"use client";

import { Alert, Badge, Button, Card, Group, List, ListItem, Loader, Stack, Text, Textarea, Title } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import type { DesignView } from "@/server/appgen/design/records";
import { everyPageChosen, specFrom, type Choices } from "./choices";
import { PageChoiceCard } from "./page-choice-card";
import { useDesign } from "./use-design";

/** /build for one project: the proposed pages, one choice each, a review of notes and actions, submit. */
export function DesignBuilder({ projectId, initial }: { projectId: string; initial: DesignView | null }) {
  const router = useRouter();
  const { design, error, propose } = useDesign(projectId, initial);
  const [choices, setChoices] = useState<Choices>({});
  const [globalNotes, setGlobalNotes] = useState("");
  const [submitError, setSubmitError] = useState<{ error: string; fields: { field: string; message: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);

  if (error) return <Alert color="red" aria-label="Design error">{error}</Alert>;
  if (!design || design.status === "PROPOSING") {
    return (
      <Group gap="sm" aria-label="Proposing a design">
        <Loader size="sm" />
        <Text>Your agency is proposing pages and designs from the brief…</Text>
      </Group>
    );
  }
  if (design.status === "FAILED") {
    return (
      <Stack gap="sm">
        <Alert color="red" aria-label="Design failed">{design.error ?? "The design could not be made."}</Alert>
        <Button onClick={propose} w="fit-content">Propose again</Button>
      </Stack>
    );
  }

  const ready = everyPageChosen(design, choices);
  async function submit(view: DesignView) {
    setBusy(true);
    setSubmitError(null);
    const res = await callJson<{ jobId: string }>("/api/appgen/jobs", { body: specFrom(view, choices, globalNotes) });
    setBusy(false);
    if (!res.ok) return setSubmitError({ error: res.error, fields: res.fields ?? [] });
    router.push(`/build/jobs/${res.data.jobId}`);
  }

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text size="sm">Style: {design.style?.name}</Text>
        {design.style?.palette.map((c) => (
          <span key={c} title={c} style={{ display: "inline-block", width: 16, height: 16, borderRadius: 4, background: c }} />
        ))}
        {design.generator === "offline" && <Badge color="orange" variant="light" component="a" href="/status">Simulated: offline model</Badge>}
        {/* The brief may have changed since: new proposals replace these choices. */}
        <Button variant="subtle" size="compact-sm" onClick={() => { setChoices({}); void propose(); }}>Propose new designs</Button>
      </Group>
      {design.pages.map((page) => (
        <PageChoiceCard key={page.pageId} page={page} choice={choices[page.pageId]} onChoose={(c) => setChoices((all) => ({ ...all, [page.pageId]: c }))} />
      ))}
      <Card withBorder padding="md" component="section" aria-label="Review">
        <Title order={4} mb="xs">Review</Title>
        <List size="sm" spacing={4}>
          {design.pages.map((p) => (
            <ListItem key={p.pageId}>
              <b>{p.name}</b> ({p.route}) — {p.actions.length ? `actions: ${p.actions.join(", ")}` : "no actions"}. {p.notes}
            </ListItem>
          ))}
        </List>
        <Textarea mt="sm" label="Notes for the whole site" value={globalNotes} onChange={(e) => setGlobalNotes(e.currentTarget.value)} maxLength={4000} autosize minRows={2} />
      </Card>
      {submitError && (
        <Alert color="red" aria-label="Submit error">
          {submitError.error}
          {submitError.fields.length > 1 && (
            <List size="sm">
              {submitError.fields.map((f) => (
                <ListItem key={`${f.field}:${f.message}`}>{`${f.field}: ${f.message}`}</ListItem>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Group>
        <Button onClick={() => submit(design)} loading={busy} disabled={!ready}>Build the app</Button>
        {!ready && <Text size="sm" c="dimmed">Choose one design for every page first.</Text>}
      </Group>
    </Stack>
  );
}
