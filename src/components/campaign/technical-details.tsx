import { Code, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text } from "@mantine/core";
import type { listFacebookIds } from "./load-campaigns";

/**
 * Ids for support, folded away and closed by default: a plain `details` element, so it opens
 * without JavaScript and a browser test can open it by its summary text.
 */
export function TechnicalDetails(props: { ids: ReturnType<typeof listFacebookIds>; adAccountId: string | null; version: number }) {
  return (
    <details>
      <summary style={{ cursor: "pointer" }}>
        <Text component="span" size="sm" fw={600}>Technical details</Text>
        <Text component="span" size="xs" c="dimmed"> (for support)</Text>
      </summary>
      <Stack gap="xs" mt="sm">
        <Text size="sm">
          Plan version {props.version}
          {props.adAccountId ? <> · ad account <Code>{props.adAccountId}</Code></> : null}
        </Text>
        {props.ids.length === 0 ? (
          <Text size="sm" c="dimmed">Nothing created on Facebook yet.</Text>
        ) : (
          <Table aria-label="Facebook ids" withTableBorder>
            <TableThead>
              <TableTr>
                <TableTh>Object</TableTh>
                <TableTh>Our key</TableTh>
                <TableTh>Facebook id</TableTh>
              </TableTr>
            </TableThead>
            <TableTbody>
              {props.ids.map((row) => (
                <TableTr key={`${row.label}-${row.key}`}>
                  <TableTd>{row.label}</TableTd>
                  <TableTd>{row.key}</TableTd>
                  <TableTd><Code>{row.id}</Code></TableTd>
                </TableTr>
              ))}
            </TableTbody>
          </Table>
        )}
      </Stack>
    </details>
  );
}
