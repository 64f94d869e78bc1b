"use client";

import { Card, Tabs, TabsList, TabsPanel, TabsTab } from "@mantine/core";
import { ActivityTimeline } from "@/components/optimization/activity-timeline";
import type { ActivityDay } from "@/server/workspace/activity";
import type { ArtifactGroup, ArtifactView } from "@/server/workspace/artifacts";
import { ArtifactList } from "./artifact-list";
import { ToolsList } from "./tools-list";

/**
 * The project workspace's right panel beside the chat: the agent's tools, the project's artifacts,
 * and the agency's activity. The data is read by the page on the server, so the chat's periodic
 * refresh of the page keeps the tabs current too.
 */
export function RightPanelTabs(props: { artifacts: ArtifactGroup<ArtifactView>[]; activity: ActivityDay[] }) {
  const entries = props.activity.flatMap((d) => d.entries);
  // With more than one campaign, each entry says which one it is about.
  const several = new Set(entries.map((e) => e.campaignId)).size > 1;
  const titled = several ? entries.map((e) => ({ ...e, title: `${e.campaignName}: ${e.title}` })) : entries;
  return (
    <Card withBorder padding="md" component="aside" aria-label="Workspace">
      <Tabs defaultValue="tools" keepMounted={false}>
        <TabsList grow mb="sm">
          <TabsTab value="tools">Tools</TabsTab>
          <TabsTab value="artifacts">Artifacts</TabsTab>
          <TabsTab value="activity">Activity</TabsTab>
        </TabsList>
        <TabsPanel value="tools">
          <ToolsList />
        </TabsPanel>
        <TabsPanel value="artifacts">
          <ArtifactList groups={props.artifacts} />
        </TabsPanel>
        <TabsPanel value="activity">
          {/* The campaign page's timeline, fed the whole project's ledger (each entry with its headline). */}
          <ActivityTimeline entries={titled} />
        </TabsPanel>
      </Tabs>
    </Card>
  );
}
