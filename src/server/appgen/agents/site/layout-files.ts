import type { GenerationSpec } from "../../spec";
import { jsxText, literal } from "../convert/jsx-text";
import type { GeneratedFile } from "../types";

/** The shared frame every page renders in: layout with metadata from the brief, the nav, a footer, a 404. */

/** What the shared files need of the spec (the integration task carries exactly this). */
export interface SiteSpec {
  brief: GenerationSpec["brief"];
  pages: { route: string; name: string }[];
}

const description = (spec: SiteSpec) => (spec.brief.details || spec.brief.goals || spec.brief.title).replace(/\s+/g, " ").slice(0, 160);

function layout(spec: SiteSpec): string {
  const title = spec.brief.title;
  return `import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteNav } from "@/components/site/site-nav";
import "./globals.css";

// Pages set their own title; the template keeps the brand in every tab.
export const metadata: Metadata = {
  title: { default: ${literal(title)}, template: ${literal(`%s | ${title}`)} },
  description: ${literal(description(spec))},
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteNav />
        <div className="site-content">{children}</div>
        <SiteFooter />
      </body>
    </html>
  );
}
`;
}

function siteNav(spec: SiteSpec): string {
  const links = spec.pages.map((p) => `      <Link href=${literal(p.route)}>${jsxText(p.name)}</Link>`);
  return `import Link from "next/link";

/** Every page of the app, by name, in the order the design lists them. */
export function SiteNav() {
  return (
    <nav className="site-nav" aria-label="Main">
      <Link href="/" className="site-brand">
        ${jsxText(spec.brief.title)}
      </Link>
${links.join("\n")}
    </nav>
  );
}
`;
}

function siteFooter(spec: SiteSpec): string {
  return `export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>{${literal(`© ${spec.brief.title}`)}}</p>
    </footer>
  );
}
`;
}

const NOT_FOUND = `import Link from "next/link";

export default function NotFound() {
  return (
    <div className="site-notice">
      <h1>Page not found</h1>
      <p>The page you asked for is not here.</p>
      <p>
        <Link href="/">Back to the home page</Link>
      </p>
    </div>
  );
}
`;

export function layoutFiles(spec: SiteSpec): GeneratedFile[] {
  return [
    { path: "app/layout.tsx", content: layout(spec) },
    { path: "components/site/site-nav.tsx", content: siteNav(spec) },
    { path: "components/site/site-footer.tsx", content: siteFooter(spec) },
    { path: "app/not-found.tsx", content: NOT_FOUND },
  ];
}
