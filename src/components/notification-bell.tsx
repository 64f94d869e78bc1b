"use client";

import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { groupNotifications, type BellItem as NotificationItem } from "./notifications/group-notifications";
import { useNotificationStream } from "./use-notification-stream";

// Live updates come from the viewer's realtime channel; this slow poll only covers a dropped
// connection (e.g. the Dev Server restarted), so the count is never stale for long.
const FALLBACK_POLL_MS = 30_000;

async function fetchNotifications(): Promise<{ items: NotificationItem[]; unreadCount: number } | null> {
  const res = await fetch("/api/notifications", { cache: "no-store" });
  if (!res.ok) return null;
  const body = (await res.json()) as { notifications?: NotificationItem[]; unreadCount?: number };
  const items = body.notifications ?? [];
  return { items, unreadCount: body.unreadCount ?? items.filter((n) => !n.read).length };
}

export function NotificationBell({ userId }: { userId: string }) {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const refresh = useCallback(async () => {
    const data = await fetchNotifications().catch(() => null);
    if (!data) return;
    setItems(data.items);
    setUnread(data.unreadCount);
  }, []);

  const onCreated = useCallback(() => void refresh(), [refresh]);
  useNotificationStream({ userId, onCreated });

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, FALLBACK_POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  async function markRead(id: string) {
    const res = await fetch(`/api/notifications/${id}/read`, { method: "POST" });
    if (res.ok) await refresh();
  }

  async function markAllRead() {
    const res = await fetch("/api/notifications/read-all", { method: "POST" });
    if (res.ok) await refresh();
  }

  // Opening an item is reading it: marked read on the way to its conversation (a failure only leaves it unread).
  function openItem(n: NotificationItem) {
    setOpen(false);
    if (!n.read) void fetch(`/api/notifications/${n.id}/read`, { method: "POST", keepalive: true }).catch(() => {});
  }

  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={340} shadow="md">
      <Popover.Target>
        <Indicator label={unread} size={18} disabled={unread === 0} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={unread > 0 ? `Notifications (${unread} unread)` : "Notifications"}
            onClick={() => setOpen((o) => !o)}
          >
            <BellGlyph />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text size="sm" fw={700}>Notifications</Text>
          <Group gap="xs">
            {unread > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={() => void markAllRead()}>
                Mark all as read
              </Button>
            )}
            <Anchor href="/settings/notifications" size="xs" onClick={() => setOpen(false)}>
              Email settings
            </Anchor>
          </Group>
        </Group>
        <ScrollArea.Autosize mah={360}>
          <Stack gap="md" aria-label="Notifications list">
            {items.length === 0 && <Text size="sm" c="dimmed">Nothing yet.</Text>}
            {groupNotifications(items, new Date()).map((group) => (
              <Stack key={group.label} gap="sm" role="list" aria-label={group.label}>
                <Text size="xs" c="dimmed" fw={700} tt="uppercase">{group.label}</Text>
                {group.items.map((n) => (
                  <Stack key={n.id} gap={2} role="listitem" opacity={n.read ? 0.6 : 1}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      {n.link ? (
                        <Anchor href={n.link} size="sm" fw={n.read ? 400 : 600} onClick={() => openItem(n)}>
                          {n.title}
                        </Anchor>
                      ) : (
                        <Text size="sm" fw={n.read ? 400 : 600}>{n.title}</Text>
                      )}
                      {!n.read && (
                        // Long titles wrap; the button keeps its full label instead of being squeezed to "Mark a".
                        <Button size="compact-xs" variant="light" style={{ flexShrink: 0 }} onClick={() => void markRead(n.id)} aria-label={`Mark "${n.title}" as read`}>
                          Mark as read
                        </Button>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">{n.body}</Text>
                  </Stack>
                ))}
              </Stack>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function BellGlyph() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
