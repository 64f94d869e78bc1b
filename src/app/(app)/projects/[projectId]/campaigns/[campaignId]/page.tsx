import { Alert, Anchor, Badge, Card, Code, Divider, Group, Stack, Table, TableTbody, TableTd, TableTh, TableThead, TableTr, Text, Title } from "@mantine/core";
import { notFound } from "next/navigation";
import { CampaignStructure } from "@/components/campaign/campaign-structure";
import { describeStatus } from "@/components/campaign/format";
import { getProjectCampaign, listFacebookIds } from "@/components/campaign/load-campaigns";
import { SimulatedAccountMarker } from "@/components/campaign/simulated-account-marker";
import { CampaignLeads } from "@/components/webhooks/campaign-leads";
import { loadCampaignLeads } from "@/components/webhooks/load-leads";
import { ActivityTimeline } from "@/components/optimization/activity-timeline";
import { loadCampaignActivity } from "@/components/optimization/load-activity";
import { loadPerformanceView } from "@/components/performance/load-performance";
import { AccountPausedBanner } from "@/components/webhooks/account-paused-banner";
import { loadAccountPauses } from "@/components/webhooks/load-account-pauses";
import { PerformanceSection } from "@/components/performance/performance-section";
import { simulatedControlsEnabled } from "@/components/performance/simulated-controls-enabled";
import { FacebookHolds } from "@/components/webhooks/facebook-holds";
import { loadFacebookHolds } from "@/components/webhooks/load-facebook-holds";
import { SampleWebhookControls } from "@/components/webhooks/sample-webhook-controls";
import { env } from "@/env";
import { getDeps } from "@/server/deps";
import { requirePageProject } from "@/server/projects/page";

export const dynamic = "force-dynamic";

/** One campaign version: status, its numbers over time, what the agency did about them, the Facebook ids we stored, and its structure. */
export default async function CampaignPage(props: { params: Promise<{ projectId: string; campaignId: string }> }) {
  const { projectId, campaignId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  const { db, services } = await getDeps();
  const campaign = await getProjectCampaign(db, { organizationId: viewer.organizationId, projectId: project.id, campaignId });
  if (!campaign) notFound();
  const scope = { organizationId: viewer.organizationId, campaignId: campaign.id };
  const [performance, activity, leads, holds, pauses] = await Promise.all([
    loadPerformanceView(db, scope),
    loadCampaignActivity(db, scope),
    loadCampaignLeads(db, scope),
    loadFacebookHolds(db, scope),
    loadAccountPauses(db, { organizationId: viewer.organizationId, adAccountIds: [campaign.adAccountId] }),
  ]);
  const simulated = services.facebook.kind === "simulated";
  // The simulated clock and webhooks matter once the campaign has delivered at all; before that there is nothing to watch.
  const showSimulatedControls = campaign.activatedAt !== null && simulatedControlsEnabled({ facebookKind: services.facebook.kind, env: env() });
  const status = describeStatus(campaign.status);
  const ids = listFacebookIds(campaign);
  const name = (campaign.structure as { name?: string } | null)?.name ?? `Plan v${campaign.version}`;
  return (
    <Card withBorder padding="lg" component="section" aria-label="Campaign">
      <Stack gap="md">
        <Anchor href={`/projects/${project.id}/campaigns`} size="sm">← All campaigns</Anchor>
        <Group justify="space-between">
          <Title order={3}>{name}</Title>
          <Badge size="lg" color={status.color} aria-label="Campaign status">{status.label}</Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Version {campaign.version}
          {campaign.adAccountId ? ` · ad account ${campaign.adAccountId}` : ""}
          {campaign.activatedAt ? ` · live since ${campaign.activatedAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC` : ""}
        </Text>
        {simulated && <SimulatedAccountMarker />}
        <AccountPausedBanner pauses={pauses} />
        {campaign.lastError && campaign.status === "DEPLOY_FAILED" && (
          <Alert color="red" title="Deployment failed" role="alert">
            {campaign.lastError.message} (step: {campaign.lastError.step}). Resume or clean up from the{" "}
            <Anchor href={`/projects/${project.id}`}>chat</Anchor>.
          </Alert>
        )}
        <FacebookHolds holds={holds} />
        {performance && (
          <PerformanceSection
            campaignId={campaign.id}
            view={performance}
            live={campaign.status === "ACTIVE"}
            simulated={simulated}
            showSimulatedControls={showSimulatedControls}
          />
        )}
        {showSimulatedControls && <SampleWebhookControls campaignId={campaign.id} />}
        <Divider />
        <CampaignLeads leads={leads} simulated={simulated} />
        <Divider />
        <ActivityTimeline entries={activity ?? []} />
        <Divider />
        <Title order={5}>Facebook ids</Title>
        {ids.length === 0 ? (
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
              {ids.map((row) => (
                <TableTr key={`${row.label}-${row.key}`}>
                  <TableTd>{row.label}</TableTd>
                  <TableTd>{row.key}</TableTd>
                  <TableTd><Code>{row.id}</Code></TableTd>
                </TableTr>
              ))}
            </TableTbody>
          </Table>
        )}
        <Title order={5}>Structure</Title>
        <CampaignStructure structure={campaign.structure} currency={campaign.currency} />
      </Stack>
    </Card>
  );
}
