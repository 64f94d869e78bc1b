"use client";

import { Alert, Button, Group, NumberInput, Stack } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callJson } from "@/components/chat/post-json";

/** The owner sets the monthly budget in dollars (PUT /api/usage/budget); the page reloads with the new state. */
export function BudgetForm({ initialUsd }: { initialUsd: number | null }) {
  const router = useRouter();
  const [usd, setUsd] = useState<number | string>(initialUsd ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    const res = await callJson("/api/usage/budget", { method: "PUT", body: { monthlyBudgetUsd: Number(usd) } });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    router.refresh();
  }

  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} aria-label="Monthly budget">
      <Stack gap="sm">
        <Group align="flex-end">
          <NumberInput label="Monthly budget (USD)" value={usd} onChange={setUsd} min={0.01} decimalScale={2} prefix="$" w={200} />
          <Button type="submit" loading={busy}>Save budget</Button>
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
      </Stack>
    </form>
  );
}
