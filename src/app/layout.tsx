import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import { MantineProvider, mantineHtmlProps } from "@mantine/core";
import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: "Aigency",
  description: "An AI marketing agency: brief, plan, approve, launch.",
};

// One light scheme, set on <html> by mantineHtmlProps during SSR. There is no scheme switcher, so
// Mantine's ColorSchemeScript (which restores a saved choice before paint) has nothing to restore,
// and with React 19.3 it logs a dev error whenever the root layout renders on the client (404s).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" {...mantineHtmlProps}>
      <body>
        <MantineProvider forceColorScheme="light">{children}</MantineProvider>
      </body>
    </html>
  );
}
