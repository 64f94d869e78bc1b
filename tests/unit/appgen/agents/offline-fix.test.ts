import { describe, expect, it } from "vitest";
import { fixTask, offlineFix } from "@/server/appgen/agents/fix-agent";
import { filesNamedInErrors } from "@/server/appgen/agents/fix/error-files";
import { FIX_SCOPE, checkAgentFiles } from "@/server/appgen/agents/scope";
import { integrationTask, offlineIntegration } from "@/server/appgen/agents/integration-agent";
import type { GeneratedFile } from "@/server/appgen/agents/types";
import { generationSpec } from "@/server/appgen/spec";

const spec = generationSpec.parse({
  projectId: "p1",
  brief: { title: "Crumb" },
  pages: [
    { pageId: "home", route: "/", name: "Home", selectedPreviewHtml: "<h1>Home</h1>" },
    { pageId: "about", route: "/about", name: "About", selectedPreviewHtml: '<title>About us</title><style>body{color:red}</style><h1 onclick="x()">About</h1><script>alert(1)</script><a href="javascript:alert(2)">a</a><iframe src="x"></iframe>', actions: ["contact"] },
  ],
});
const shared = offlineIntegration(integrationTask({ spec, pages: [] })).files;
const appFiles: GeneratedFile[] = [
  { path: "app/page.tsx", content: "export default function HomePage() { return <h1>Home</h1>; }\n" },
  { path: "app/about/page.tsx", content: "export default function AboutPage() { return <h1 tabIndex=\"x\">About</h1>; }\n" },
  ...shared,
];
const fix = (output: string, files = appFiles, round = 1) =>
  offlineFix(fixTask({ spec, round, failure: { command: "npm run build", output }, priorDiffSummary: "", files }));

const known = new Set(appFiles.map((f) => f.path));

describe("files named in build errors", () => {
  it.each([
    ["Failed to compile.\n\n./app/about/page.tsx:12:5\nType error: Type 'string' is not assignable to type 'number'.", [{ path: "app/about/page.tsx", line: 12 }]],
    ["app/about/page.tsx(3,7): error TS2322: Type 'string' is not assignable", [{ path: "app/about/page.tsx", line: 3 }]],
    ["./components/site/site-nav.tsx:4:1\nModule not found: Can't resolve '@/components/site/missing'", [{ path: "components/site/site-nav.tsx", line: 4 }]],
    ["Module not found: Error: Can't resolve './x' in '/home/u/workspace/app/about'", [{ path: "app/about/page.tsx" }]],
    ["./app/about/page.tsx\nError:   x Unexpected token `div`. Expected jsx identifier\n./app/page.tsx:1:1", [{ path: "app/about/page.tsx" }, { path: "app/page.tsx", line: 1 }]],
  ])("finds them in %j", (output, expected) => expect(filesNamedInErrors(output, known)).toEqual(expected));

  it("ignores paths that are not the app's own files", () => {
    expect(filesNamedInErrors("./node_modules/next/dist/app/x.js:1:1\n/tmp/.next/server/app/page.js:3\n./app/ghost/page.tsx:1:1", known)).toEqual([]);
  });
});

describe("offline fixer", () => {
  it("rewrites a broken page to its sanitized preview and touches nothing else", () => {
    const out = fix("./app/about/page.tsx:1:50\nType error: Type 'string' is not assignable to type 'number'.");
    expect(out.files.map((f) => f.path).sort()).toEqual(["app/about/page.tsx", "components/site/safe-html.tsx"]);
    const page = out.files.find((f) => f.path === "app/about/page.tsx")!.content;
    expect(page).toContain('import { SafeHtml } from "@/components/site/safe-html";');
    expect(page).toContain('title: "About us"');
    expect(page).toContain("<h1>About</h1>");
    expect(page).toContain(".page-scope-about{color:red}");
    expect(page).not.toMatch(/onclick|alert|<script|<iframe|javascript:/);
    expect(out.summary).toMatch(/Round 1: rewrote About page \(app\/about\/page\.tsx\) → its sanitized preview/);
    expect(checkAgentFiles(out.files, FIX_SCOPE).rejected).toEqual([]);
  });

  it("says it found no fix when the page is already in its safe form", () => {
    const first = fix("./app/about/page.tsx:1:1\nType error: x");
    const after = appFiles.map((f) => first.files.find((g) => g.path === f.path) ?? f).concat(first.files.filter((g) => !known.has(g.path)));
    const second = fix("./app/about/page.tsx:9:1\nType error: still broken", after, 2);
    expect(second.files).toEqual([]);
    expect(second.summary).toBe("Round 2: could not find a fix: the named files (app/about/page.tsx) are already in their safe form.");
  });

  it("puts a broken shared file back to the generated original", () => {
    const broken = appFiles.map((f) => (f.path === "components/site/site-nav.tsx" ? { ...f, content: "export function SiteNav() { return <nav>; }" } : f));
    const out = fix("./components/site/site-nav.tsx:1:40\nError: Unexpected token", broken);
    expect(out.files).toEqual([shared.find((f) => f.path === "components/site/site-nav.tsx")]);
    expect(out.summary).toContain("components/site/site-nav.tsx → the generated original");
  });

  it("says plainly when the output names no file it knows", () => {
    expect(fix("npm ERR! code ERESOLVE\nnpm ERR! network timeout").summary).toBe("Round 1: could not find a fix: the output names no file of the app.");
  });

  it("sends the previews of the named pages only", () => {
    const task = fixTask({ spec, round: 1, failure: { command: "npm run build", output: "./app/about/page.tsx:1:1" }, priorDiffSummary: "round 0: nothing", files: appFiles });
    expect(task.pages.find((p) => p.pageId === "about")!.selectedPreviewHtml).toContain("About");
    expect(task.pages.find((p) => p.pageId === "home")!.selectedPreviewHtml).toBeUndefined();
  });
});
