import { describe, expect, it } from "vitest";
import { integrationTask, offlineIntegration } from "@/server/appgen/agents/integration-agent";
import { INTEGRATION_SCOPE, checkAgentFiles } from "@/server/appgen/agents/scope";
import { globalsCss, readableOn } from "@/server/appgen/agents/site/theme";
import { generationSpec } from "@/server/appgen/spec";

const spec = (over: { palette?: string[]; typography?: string[]; actions?: string[][] } = {}) =>
  generationSpec.parse({
    projectId: "p1",
    brief: { title: "Crumb & Co", details: "Sourdough delivered.", audience: "Parents", goals: "Sign-ups" },
    style: { palette: over.palette ?? ["#8a4b2a", "#d9a066"], typography: over.typography ?? ["Fraunces", "Inter"] },
    pages: [
      { pageId: "home", route: "/", name: "Home", selectedPreviewHtml: "<p>h</p>", actions: over.actions?.[0] ?? ["signup"] },
      { pageId: "pricing", route: "/pricing/plans", name: "Plans & prices", selectedPreviewHtml: "<p>p</p>", actions: over.actions?.[1] ?? ["contact", "signup"] },
    ],
  });
const filesOf = (s = spec()) => new Map(offlineIntegration(integrationTask({ spec: s, pages: [] })).files.map((f) => [f.path, f.content]));

describe("offline integration agent", () => {
  it("writes the shared files, one route per distinct action, all inside its scope", () => {
    const out = offlineIntegration(integrationTask({ spec: spec(), pages: [] }));
    expect(out.files.map((f) => f.path).sort()).toEqual(
      [".env.example", "README.md", "app/api/actions/contact/route.ts", "app/api/actions/signup/route.ts", "app/globals.css", "app/layout.tsx", "app/not-found.tsx", "components/site/site-footer.tsx", "components/site/site-nav.tsx", "lib/submissions.ts"].sort(),
    );
    expect(checkAgentFiles(out.files, INTEGRATION_SCOPE).rejected).toEqual([]);
    expect(out.summary).toMatch(/2 action route\(s\) \(contact, signup\)/);
  });

  it("writes no action routes or helper when no page asks for one", () => {
    const files = filesOf(spec({ actions: [[], []] }));
    expect([...files.keys()].some((p) => p.startsWith("app/api/") || p.startsWith("lib/"))).toBe(false);
    expect(files.get("README.md")).toContain("None: this design asked for no actions.");
  });

  it("links every page by name in the nav and puts the brief in the layout's metadata", () => {
    const files = filesOf();
    const nav = files.get("components/site/site-nav.tsx")!;
    expect(nav).toContain('<Link href="/">Home</Link>');
    expect(nav).toContain('<Link href="/pricing/plans">{"Plans & prices"}</Link>');
    const layout = files.get("app/layout.tsx")!;
    expect(layout).toContain('title: { default: "Crumb & Co", template: "%s | Crumb & Co" }');
    expect(layout).toContain('description: "Sourdough delivered."');
    expect(layout).toContain('import "./globals.css";');
    expect(layout).toMatch(/<SiteNav \/>[\s\S]*\{children\}[\s\S]*<SiteFooter \/>/);
  });

  it("turns the palette and typography into theme tokens, with defaults when the style is empty", () => {
    const css = globalsCss(spec({ palette: ["#111111", "#222222", "#fafafa", "#333333", "#444444"], typography: ["Playfair Display", "Inter; } body { x"] }).style);
    expect(css).toContain("--color-primary: #111111;");
    expect(css).toContain("--color-on-primary: #ffffff;");
    expect(css).toContain("--color-surface: #fafafa;");
    expect(css).toContain("--color-palette-5: #444444;");
    expect(css).toContain('--font-heading: "Playfair Display"');
    expect(css).toMatch(/--font-body: "Inter +body +x", system-ui/);
    const empty = globalsCss(spec({ palette: [], typography: [] }).style);
    expect(empty).toContain("--color-primary: #2563eb;");
    expect(empty).toContain("--font-body: system-ui");
    expect(readableOn("#ffff00")).toBe("#000000");
  });

  it("action routes accept JSON or forms, have no database, and say where a backend plugs in", () => {
    const files = filesOf();
    const route = files.get("app/api/actions/signup/route.ts")!;
    expect(route).toContain("export async function POST(request: Request)");
    expect(route).toContain('const ACTION = "signup";');
    expect(route).toMatch(/A real backend plugs in here/);
    const helper = files.get("lib/submissions.ts")!;
    expect(helper).toContain("application/json");
    expect(helper).toContain("multipart/form-data");
    expect(helper).toContain('searchParams.set(result.ok ? "sent" : "error", action)');
  });

  it("README says what the app is and how to run it; .env.example lists the optional port", () => {
    const files = filesOf();
    const readme = files.get("README.md")!;
    for (const text of ["# Crumb & Co", "Sourdough delivered.", "run-app.sh", "run-app.bat", "npm install && npm run dev", "`/pricing/plans`", "POST /api/actions/contact", "Environment variables"]) {
      expect(readme).toContain(text);
    }
    expect(files.get(".env.example")).toMatch(/^PORT=3000$/m);
  });
});
