import { Table, Text } from "@mantine/core";
import type { MonthUsage } from "@/server/usage/month-view";

const perDay = (micros: number) => {
  const amount = (micros / 1_000_000).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  return `${amount} a day`;
};

/**
 * The daily-budget changes the agency applied this month, by day and feature: the client's ad money, in
 * the ad account's own currency, listed for the record and never part of the agency's cost.
 */
export function AdSpendTable({ rows }: { rows: MonthUsage["adSpendDeltas"] }) {
  if (rows.length === 0) return <Text c="dimmed" size="sm">No ad budget was changed this month.</Text>;
  return (
    <Table striped aria-label="Ad budget changes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Day (UTC)</Table.Th>
          <Table.Th>Feature</Table.Th>
          <Table.Th ta="right">Daily budget change</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.day}:${r.feature}`}>
            <Table.Td>{r.day}</Table.Td>
            <Table.Td>{r.feature}</Table.Td>
            <Table.Td ta="right">{perDay(r.deltaMicros)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
