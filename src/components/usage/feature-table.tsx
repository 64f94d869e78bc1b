import { Table, Text } from "@mantine/core";
import type { MonthUsage } from "@/server/usage/month-view";
import { formatMicroUsd } from "@/server/usage/money";
import { formatQuantity, KIND_LABELS } from "./labels";
import type { UsageKind } from "./types";

/** The month by feature and kind: what was used and what it cost the agency. */
export function FeatureTable({ rows }: { rows: MonthUsage["byFeature"] }) {
  if (rows.length === 0) return <Text c="dimmed" size="sm">Nothing was used this month.</Text>;
  return (
    <Table striped aria-label="Usage by feature">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Feature</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th ta="right">Quantity</Table.Th>
          <Table.Th ta="right">Cost</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.feature}:${r.kind}`}>
            <Table.Td>{r.feature}</Table.Td>
            <Table.Td>{KIND_LABELS[r.kind as UsageKind]}</Table.Td>
            <Table.Td ta="right">{formatQuantity(r.kind as UsageKind, r.quantity)}</Table.Td>
            <Table.Td ta="right">{formatMicroUsd(r.costMicroUsd)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
