import { Alert, Anchor, Badge, Card, Divider, Group, Stack, Text, Title } from "@mantine/core";
import { AdPreviews } from "@/components/campaign/ad-previews";
import { notFound } from "next/navigation";
import { CampaignStructure } from "@/components/campaign/campaign-structure";
import { describeStatus } from "@/components/campaign/format";
import { loadAdPreviews } from "@/components/campaign/load-ad-previews";
import { getProjectCampaign, listFacebookIds } from "@/components/campaign/load-campaigns";
import { SimulatedAccountMarker } from "@/components/campaign/simulated-account-marker";
import { TechnicalDetails } from "@/components/campaign/technical-details";
import { CampaignLeads } from "@/components/webhooks/campaign-leads";
import { loadCampaignLeads } from "@/components/webhooks/load-leads";
import { ActivityTimeline } from "@/components/optimization/activity-timeline";
import { AgencySummary } from "@/components/optimization/agency-summary";
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

/**
 * One campaign version for an owner who is not a marketer: its ads as people see them, the plan in words, its numbers
 * over time, what the agency did about them; the Facebook ids we stored are folded away for support.
 */
export default async function CampaignPage(props: { params: Promise<{ projectId: string; campaignId: string }> }) {
  const { projectId, campaignId } = await props.params;
  const { project, viewer } = await requirePageProject(projectId);
  const { db, services } = await getDeps();
  const campaign = await getProjectCampaign(db, { organizationId: viewer.organizationId, projectId: project.id, campaignId });
  if (!campaign) notFound();
  const scope = { organizationId: viewer.organizationId, campaignId: campaign.id };
  const [performance, activity, leads, holds, pauses, ads] = await Promise.all([
    loadPerformanceView(db, scope),
    loadCampaignActivity(db, scope),
    loadCampaignLeads(db, scope),
    loadFacebookHolds(db, scope),
    loadAccountPauses(db, { organizationId: viewer.organizationId, adAccountIds: [campaign.adAccountId] }),
    loadAdPreviews(db, { ...scope, storage: services.storage }),
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
        <AdPreviews ads={ads ?? []} simulated={simulated} />
        <Divider />
        <Title order={5}>The plan</Title>
        <CampaignStructure
          structure={campaign.structure}
          currency={campaign.currency}
          activatedAt={campaign.activatedAt}
          live={campaign.status === "ACTIVE"}
          now={new Date()}
        />
        <Divider />
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
        <Title order={5}>What the agency is doing</Title>
        <AgencySummary entries={activity ?? []} chatHref={`/projects/${project.id}`} />
        <ActivityTimeline entries={activity ?? []} />
        <Divider />
        <TechnicalDetails ids={ids} adAccountId={campaign.adAccountId} version={campaign.version} />
      </Stack>
    </Card>
  );
}
