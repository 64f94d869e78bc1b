import { Anchor, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import type { LeadRow } from "./load-leads";

/**
 * The campaign page's "Leads" section: who answered the lead form, how to reach them, when, and
 * through which ad. Server-rendered; the rows are the viewer's organization's only (load-leads.ts).
 */
export function CampaignLeads(props: { leads: LeadRow[]; simulated: boolean }) {
  return (
    <Stack gap="sm" component="section" aria-label="Leads">
      <Title order={5}>Leads</Title>
      {props.simulated && props.leads.length > 0 && (
        <Text size="xs" c="dimmed">These people are made up by the simulated ad account; the addresses lead nowhere.</Text>
      )}
      {props.leads.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          No leads yet. When someone fills in the form on one of this campaign&apos;s ads, they appear here and you get a notification.
        </Text>
      ) : (
        <Table aria-label="Leads" withTableBorder>
          <TableThead>
            <TableTr>
              <TableTh>Name</TableTh>
              <TableTh>Contact</TableTh>
              <TableTh>When</TableTh>
              <TableTh>Ad</TableTh>
            </TableTr>
          </TableThead>
          <TableTbody>
            {props.leads.map((lead) => (
              <TableTr key={lead.id}>
                <TableTd>
                  {lead.name ?? "Someone"}
                  {lead.otherAnswers.map((a) => (
                    <Text key={a.question} size="xs" c="dimmed">{a.question}: {a.answer}</Text>
                  ))}
                </TableTd>
                <TableTd>
                  {lead.email && <Anchor href={`mailto:${lead.email}`} size="sm" display="block">{lead.email}</Anchor>}
                  {lead.phone && <Anchor href={`tel:${lead.phone.replace(/\s+/g, "")}`} size="sm" display="block">{lead.phone}</Anchor>}
                  {!lead.email && !lead.phone && <Text size="sm" c="dimmed">{lead.missing ? `Answers unavailable: ${lead.missing}` : "No contact given"}</Text>}
                </TableTd>
                <TableTd>{lead.at ? lead.at.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—"}</TableTd>
                <TableTd>{lead.ad ?? "—"}</TableTd>
              </TableTr>
            ))}
          </TableTbody>
        </Table>
      )}
    </Stack>
  );
}
