import { Anchor, Group, Text } from "@mantine/core";
import type { Viewer } from "@/server/auth/session";
import type { ServiceStatus } from "@/server/services/types";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";
import { SimulatedBadge } from "./simulated-badge";

/** The signed-in header: product, organization, then the viewer's actions on the right. */
export function AppHeader({ viewer, services }: { viewer: Viewer; services: ServiceStatus[] }) {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Anchor href="/dashboard" fw={700} size="lg" underline="never" c="inherit">
          Aigency
        </Anchor>
        <Text c="dimmed" size="sm" aria-label="Organization">
          {viewer.organizationName}
        </Text>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <SimulatedBadge services={services} />
        <Anchor href="/settings/autonomy" size="sm" title="How far the agency may change your campaigns on its own">
          Autonomy
        </Anchor>
        <Anchor href="/usage" size="sm" title="This month's costs by day and feature, and the monthly budget">
          Usage
        </Anchor>
        <Anchor href="/settings/notifications" size="sm" title="Which notifications also come by email">
          Notifications
        </Anchor>
        {/* Header actions slot: per-user widgets (the notification bell first) go here. */}
        <NotificationBell userId={viewer.userId} />
        <Text size="sm" visibleFrom="sm">
          {viewer.name}
        </Text>
        <SignOutButton />
      </Group>
    </Group>
  );
}
