"use client";

import { Alert, Button, Group, Loader, Modal, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import type { BriefFields } from "@/server/onboarding/brief-schema";
import {
  briefToForm,
  formToBrief,
  GOAL_OPTIONS,
  currencyOptions,
  mapFieldErrors,
  type BriefFormErrors,
  type BriefFormField,
  type BriefFormValues,
} from "./brief-form";
import { callJson } from "./post-json";

type Stage =
  | { name: "closed" }
  | { name: "loading" }
  | { name: "form"; version: number }
  | { name: "confirm"; version: number; brief: BriefFields };

const LONG_FIELDS: { field: BriefFormField; label: string }[] = [
  { field: "businessDescription", label: "Your business" },
  { field: "product", label: "What to advertise" },
  { field: "targetAudience", label: "Who it's for" },
];

/**
 * "Edit brief": a form prefilled with the current brief, a confirmation that it becomes a new
 * version (which the agency plans again, for approval), then the save. Nothing deploys from here.
 */
export function EditBrief(props: { projectId: string; conversationId?: string; onSaved: () => void }) {
  const [stage, setStage] = useState<Stage>({ name: "closed" });
  const [values, setValues] = useState<BriefFormValues | null>(null);
  const [errors, setErrors] = useState<BriefFormErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const url = `/api/projects/${props.projectId}/brief`;

  async function open() {
    setStage({ name: "loading" });
    setErrors({});
    setError(null);
    const res = await callJson<{ brief: (BriefFields & { version: number }) | null }>(url);
    if (!res.ok || !res.data.brief) {
      setError(res.ok ? "This project has no confirmed brief yet." : res.error);
      return setStage({ name: "form", version: 0 });
    }
    setValues(briefToForm(res.data.brief));
    setStage({ name: "form", version: res.data.brief.version });
  }

  function review(version: number) {
    if (!values) return;
    const checked = formToBrief(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) setStage({ name: "confirm", version, brief: checked.brief });
  }

  async function save(version: number, brief: BriefFields) {
    setBusy(true);
    setError(null);
    const res = await callJson<{ brief: { version: number }; warning?: string }>(url, {
      method: "PUT",
      body: { conversationId: props.conversationId, brief },
    });
    setBusy(false);
    if (!res.ok) {
      const mapped = mapFieldErrors(res.fields ?? []);
      setErrors(mapped.errors);
      setError(mapped.other.join("; ") || (res.fields?.length ? null : res.error));
      return setStage({ name: "form", version });
    }
    setSaved([`Brief updated to version ${res.data.brief.version}.`, res.data.warning].filter(Boolean).join(" "));
    setStage({ name: "closed" });
    props.onSaved();
  }

  const set = (field: BriefFormField) => (value: string) => setValues((v) => (v ? { ...v, [field]: value } : v));
  const next = stage.name === "form" || stage.name === "confirm" ? stage.version + 1 : null;

  return (
    <Stack gap={4} align="flex-start">
      <Button size="xs" variant="light" onClick={() => void open()}>
        Edit brief
      </Button>
      {saved && <Text size="xs" c="green" role="status">{saved}</Text>}
      <Modal opened={stage.name !== "closed"} onClose={() => setStage({ name: "closed" })} title="Edit your brief" size="lg">
        {stage.name === "loading" && <Loader size="sm" aria-label="Loading the brief" />}
        {error && <Alert color="red" role="alert" mb="sm">{error}</Alert>}
        {stage.name === "form" && values && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              review(stage.version);
            }}
          >
            <Stack gap="sm">
              {LONG_FIELDS.map(({ field, label }) => (
                <Textarea key={field} label={label} autosize minRows={2} value={values[field]} error={errors[field]} onChange={(e) => set(field)(e.currentTarget.value)} />
              ))}
              <TextInput label="Where" value={values.location} error={errors.location} onChange={(e) => set("location")(e.currentTarget.value)} />
              <Select
                label="Goal"
                data={GOAL_OPTIONS}
                value={values.goal}
                allowDeselect={false}
                error={errors.goal}
                onChange={(v) => v && set("goal")(v)}
              />
              <Select
                label="Budget currency"
                data={currencyOptions(values.budgetCurrency)}
                value={values.budgetCurrency}
                allowDeselect={false}
                searchable
                error={errors.budgetCurrency}
                onChange={(v) => v && set("budgetCurrency")(v)}
              />
              <TextInput
                label={`Monthly budget (${values.budgetCurrency})`}
                inputMode="decimal"
                value={values.monthlyBudgetDollars}
                error={errors.monthlyBudgetDollars}
                onChange={(e) => set("monthlyBudgetDollars")(e.currentTarget.value)}
              />
              <Textarea label="What makes you different" autosize minRows={2} value={values.uniqueSellingPoint} error={errors.uniqueSellingPoint} onChange={(e) => set("uniqueSellingPoint")(e.currentTarget.value)} />
              <TextInput label="Website URL" type="url" value={values.websiteUrl} error={errors.websiteUrl} onChange={(e) => set("websiteUrl")(e.currentTarget.value)} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setStage({ name: "closed" })}>Cancel</Button>
                <Button type="submit">Save changes</Button>
              </Group>
            </Stack>
          </form>
        )}
        {stage.name === "confirm" && (
          <Stack gap="sm">
            <Text>Save as version {next}? The agency will prepare a new plan for your approval.</Text>
            <Text size="xs" c="dimmed">Nothing changes on Facebook until you approve that plan.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStage({ name: "form", version: stage.version })}>Back</Button>
              <Button loading={busy} onClick={() => void save(stage.version, stage.brief)}>
                Save version {next}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
