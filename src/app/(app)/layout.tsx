import { AppShell, AppShellHeader, AppShellMain } from "@mantine/core";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { env } from "@/env";
import { requirePageViewer } from "@/server/auth/page";
import { describeServices } from "@/server/services";

/** Every signed-in page: the header with org, simulation badge, notifications and sign-out. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await requirePageViewer();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShellHeader>
        <AppHeader viewer={viewer} services={describeServices(env())} />
      </AppShellHeader>
      <AppShellMain>{children}</AppShellMain>
    </AppShell>
  );
}
