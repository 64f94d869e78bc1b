"use client";

import { Alert, Badge, Button, Card, Group, Radio, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { callJson } from "../post-json";

export interface ConnectionView {
  id: string;
  status: "PENDING" | "ACTIVE" | "EXPIRED" | "REVOKED";
  adAccountId: string | null;
  adAccountName: string | null;
  adAccountChoices: { id: string; name: string; currency: string }[];
  simulated: boolean;
}

/**
 * Inline Facebook connection: a button that starts the OAuth flow (the simulated one in embedded
 * mode, and the card says so), then the ad-account choice, then a success state.
 */
export function FbConnectCard(props: {
  content: string;
  metadata: Record<string, unknown> | null;
  connection: ConnectionView | null;
  onChanged: () => void;
}) {
  const simulated = props.metadata?.simulated === true;
  const connectUrl = typeof props.metadata?.connectUrl === "string" ? props.metadata.connectUrl : "/api/auth/facebook";
  const { connection } = props;

  return (
    <Card withBorder shadow="sm" padding="lg" aria-label="Connect Facebook" component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Facebook ad account</Title>
          {simulated && <Badge color="orange" variant="outline">Simulated Facebook account</Badge>}
        </Group>
        <Text size="sm">{props.content}</Text>
        {connection?.status === "ACTIVE" && (
          <Text size="sm" c="green" role="status">
            Connected: {connection.adAccountName ?? connection.adAccountId}
            {connection.simulated ? " (simulated)" : ""}
            {connection.adAccountChoices.length > 0 ? " — kept until you pick an account from your new login" : ""}
          </Text>
        )}
        {connection && connection.adAccountChoices.length > 0 ? (
          <AccountPicker connection={connection} onChosen={props.onChanged} />
        ) : connection?.status === "ACTIVE" ? null : (
          <ConnectButton connectUrl={connectUrl} expired={connection?.status === "EXPIRED"} />
        )}
      </Stack>
    </Card>
  );
}

/** Starting is a POST (a link would let any site start it); the answer names the dialog to visit. */
function ConnectButton(props: { connectUrl: string; expired: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    const res = await callJson<{ dialogUrl: string }>(props.connectUrl, { body: {} });
    if (!res.ok) {
      setBusy(false);
      return setError(res.error);
    }
    window.location.assign(res.data.dialogUrl);
  }

  return (
    <Stack gap="xs">
      <Group>
        <Button onClick={() => void start()} loading={busy} color="blue">
          Connect Facebook
        </Button>
        {props.expired && <Text size="xs" c="red">Your connection expired; connect again.</Text>}
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
    </Stack>
  );
}

function AccountPicker(props: { connection: ConnectionView; onChosen: () => void }) {
  const first = props.connection.adAccountChoices[0]?.id ?? "";
  const [choice, setChoice] = useState(first);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    const res = await callJson("/api/auth/facebook/ad-account", { body: { adAccountId: choice } });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    props.onChosen();
  }

  return (
    <Stack gap="xs">
      <Radio.Group label="Which ad account should we use?" value={choice} onChange={setChoice}>
        <Stack gap={4} mt={4}>
          {props.connection.adAccountChoices.map((a) => (
            <Radio key={a.id} value={a.id} label={`${a.name} (${a.id}, ${a.currency})`} />
          ))}
        </Stack>
      </Radio.Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Group>
        <Button onClick={() => void save()} loading={busy} disabled={!choice}>
          Use this ad account
        </Button>
      </Group>
    </Stack>
  );
}
