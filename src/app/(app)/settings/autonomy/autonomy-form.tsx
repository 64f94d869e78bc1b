"use client";

import { Alert, Button, Group, List, ListItem, NumberInput, Stack, Switch, Text } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";
import { describePolicy } from "@/components/optimization/describe-policy";
import { currencyDigits, formatMoney } from "@/server/campaigns/currency";
import type { AutonomyPolicy } from "@/server/optimization/types";

type Field = keyof AutonomyPolicy;
// What the example sentence assumes a campaign spends per day (hundredths): 50 main units.
const EXAMPLE_DAILY_BUDGET_CENTS = 5_000;

const LABELS: Record<Field, string> = {
  autonomousMaxPercent: "Changes it may make alone",
  blockAbovePercent: "Changes it may never make",
  dailyCapCents: "Most money moved alone per day",
  cooldownHours: "Rest after a change",
  suggestOnly: "Suggest only",
  dryRun: "Dry run",
};

/** The autonomy settings form: six fields, each explained with its safe default, saved with PUT. */
export function AutonomyForm(props: { initial: AutonomyPolicy; defaults: AutonomyPolicy; currency: string }) {
  const router = useRouter();
  const [policy, setPolicy] = useState<AutonomyPolicy>(props.initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const digits = currencyDigits(props.currency);
  const money = (cents: number) => formatMoney(cents, props.currency);
  const set = <K extends Field>(field: K, value: AutonomyPolicy[K]) => {
    setPolicy((p) => ({ ...p, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setResult(null);
  };
  const whole = (v: string | number) => (typeof v === "number" ? Math.round(v) : Number.NaN);

  async function save() {
    const local = checkLocally(policy);
    setErrors(local);
    if (Object.keys(local).length) return setResult({ ok: false, text: "Some settings need fixing; see the fields marked in red." });
    setBusy(true);
    setResult(null);
    const res = await callJson<{ policy?: AutonomyPolicy }>("/api/optimization/policy", { method: "PUT", body: policy });
    setBusy(false);
    if (!res.ok) {
      const byField: Partial<Record<Field, string>> = {};
      for (const f of res.fields ?? []) if (f.field in LABELS) byField[f.field as Field] ??= f.message;
      setErrors(byField);
      return setResult({ ok: false, text: Object.keys(byField).length ? "Some settings need fixing; see the fields marked in red." : res.error });
    }
    if (res.data.policy) setPolicy(res.data.policy);
    setResult({ ok: true, text: "Saved. The next check of your campaigns follows these settings." });
    router.refresh();
  }

  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="Autonomy policy">
      <Stack gap="md">
        <NumberInput
          label={LABELS.autonomousMaxPercent}
          description={`Changes that move up to this share of a campaign's daily budget happen without asking you; larger ones wait for your OK. Safe default: ${props.defaults.autonomousMaxPercent}%.`}
          suffix="%" min={0} max={100} allowDecimal={false} clampBehavior="none"
          value={policy.autonomousMaxPercent} onChange={(v) => set("autonomousMaxPercent", whole(v))} error={errors.autonomousMaxPercent}
        />
        <NumberInput
          label={LABELS.blockAbovePercent}
          description={`Money changes larger than this share of the daily budget are refused outright, even if you approve them. Must be at least the share above. Safe default: ${props.defaults.blockAbovePercent}% (never more than doubling a budget in one go).`}
          suffix="%" min={0} max={1000} allowDecimal={false} clampBehavior="none"
          value={policy.blockAbovePercent} onChange={(v) => set("blockAbovePercent", whole(v))} error={errors.blockAbovePercent}
        />
        <NumberInput
          label={`${LABELS.dailyCapCents} (${props.currency})`}
          description={`Across all your campaigns, the agency never moves more than this per day on its own; past it, changes wait for your OK. Safe default: ${money(props.defaults.dailyCapCents)}.`}
          min={0} decimalScale={digits} allowNegative={false} thousandSeparator=","
          value={policy.dailyCapCents / 100} onChange={(v) => set("dailyCapCents", typeof v === "number" ? Math.round(v * 100) : Number.NaN)} error={errors.dailyCapCents}
        />
        <NumberInput
          label={LABELS.cooldownHours}
          description={`After changing an ad or an audience, the agency leaves it alone this long so its numbers can settle. Safe default: ${props.defaults.cooldownHours} hours.`}
          suffix=" hours" min={1} max={720} allowDecimal={false} clampBehavior="none"
          value={policy.cooldownHours} onChange={(v) => set("cooldownHours", whole(v))} error={errors.cooldownHours}
        />
        <Switch
          label={LABELS.suggestOnly}
          description={`Nothing happens on its own: every change becomes a suggestion in the chat for you to approve or dismiss. Safe default: ${props.defaults.suggestOnly ? "on" : "off"}.`}
          checked={policy.suggestOnly} onChange={(e) => set("suggestOnly", e.currentTarget.checked)} error={errors.suggestOnly}
        />
        <Switch
          label={LABELS.dryRun}
          description={`The agency only writes down what it would have done, in each campaign's activity; nothing changes on Facebook. Safe default: ${props.defaults.dryRun ? "on" : "off"}.`}
          checked={policy.dryRun} onChange={(e) => set("dryRun", e.currentTarget.checked)} error={errors.dryRun}
        />
        <Stack gap={4} aria-label="What these settings mean">
          <Text size="sm" fw={700}>In plain words</Text>
          <List size="sm" spacing={2}>
            {(Object.keys(checkLocally(policy)).length ? [] : describePolicy(policy, { currency: props.currency, exampleDailyBudgetCents: EXAMPLE_DAILY_BUDGET_CENTS })).map((line) => (
              <ListItem key={line}>{line}</ListItem>
            ))}
          </List>
        </Stack>
        {result && (
          <Alert color={result.ok ? "green" : "red"} role={result.ok ? "status" : "alert"}>
            {result.text}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>Save settings</Button>
          <Button variant="subtle" onClick={() => { setPolicy(props.defaults); setErrors({}); setResult(null); }} disabled={busy}>
            Back to safe defaults
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What the browser can tell before asking the server (which checks everything again and names the field). */
function checkLocally(p: AutonomyPolicy): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const field of ["autonomousMaxPercent", "blockAbovePercent", "dailyCapCents", "cooldownHours"] as const) {
    if (!Number.isFinite(p[field])) errors[field] = "Enter a number";
  }
  if (!errors.blockAbovePercent && !errors.autonomousMaxPercent && p.blockAbovePercent < p.autonomousMaxPercent) {
    errors.blockAbovePercent = `Must be at least ${p.autonomousMaxPercent}%, the share it may change alone`;
  }
  return errors;
}
