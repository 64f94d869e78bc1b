"use client";

import { Badge, Card, Group, Radio, RadioGroup, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import type { DesignPage } from "@/server/db/schema/appgen";
import { PREVIEW_MAX_BYTES } from "@/server/appgen/spec";
import type { PageChoice } from "./choices";
import { PreviewFrame } from "./preview-frame";

const PASTED = "pasted";

/** One page of the design: its previews side by side, one radio each, and "paste your own HTML". */
export function PageChoiceCard({ page, choice, onChoose }: { page: DesignPage; choice: PageChoice | undefined; onChoose: (c: PageChoice) => void }) {
  const value = choice?.kind === "option" ? choice.optionId : choice ? PASTED : null;
  const pasted = choice?.kind === "pasted" ? choice.html : "";
  return (
    <Card withBorder padding="md" component="section" aria-label={`Page ${page.name}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>
            {page.name} <Text span c="dimmed" size="sm">{page.route}</Text>
          </Title>
          <Group gap={4}>
            {page.actions.map((a) => (
              <Badge key={a} variant="light">{a}</Badge>
            ))}
          </Group>
        </Group>
        <Text size="sm">{page.purpose}</Text>
        <RadioGroup
          value={value}
          onChange={(v) => onChoose(v === PASTED ? { kind: "pasted", html: pasted } : { kind: "option", optionId: v })}
          name={`choice-${page.pageId}`}
          label={`Choose one design for ${page.name}`}
        >
          <SimpleGrid cols={{ base: 1, md: page.options.length }} mt="xs">
            {page.options.map((o) => (
              <Stack key={o.optionId} gap={6}>
                <PreviewFrame html={o.html} title={`${page.name} preview: ${o.label}`} />
                <Radio value={o.optionId} label={o.label} />
              </Stack>
            ))}
          </SimpleGrid>
          <Radio value={PASTED} label="Use my own HTML" mt="sm" />
        </RadioGroup>
        {choice?.kind === "pasted" && (
          <Stack gap={6}>
            <Textarea
              label={`Your HTML for ${page.name}`}
              description="A whole HTML document; it is previewed with scripts off."
              autosize
              minRows={4}
              maxRows={12}
              value={pasted}
              onChange={(e) => onChoose({ kind: "pasted", html: e.currentTarget.value })}
              error={new TextEncoder().encode(pasted).length > PREVIEW_MAX_BYTES ? `At most ${PREVIEW_MAX_BYTES / 1000} kB` : undefined}
            />
            {pasted.trim() && <PreviewFrame html={pasted} title={`${page.name} preview: your HTML`} />}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
