import { MantineProvider } from "@mantine/core";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "@/components/agent-tasks/diff-lines";
import { DiffView } from "@/components/agent-tasks/diff-view";
import { SafeMarkdown } from "@/components/agent-tasks/safe-markdown";

const html = (node: ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);

const PATCH = [
  "diff --git a/app/page.tsx b/app/page.tsx",
  "index 1111111..2222222 100644",
  "--- a/app/page.tsx",
  "+++ b/app/page.tsx",
  "@@ -10,3 +10,3 @@ export default function Home() {",
  "   return (",
  '-    <h1>Fresh sourdough, baked at 5am and delivered to your door by 8am</h1>',
  '+    <h1>Sourdough by 8am</h1>',
  "   );",
  "--- /dev/null",
  "+++ b/app/new.tsx",
  "@@ -0,0 +1,2 @@",
  '+<script>alert("x")</script>',
  "+export {};",
].join("\n");

describe("parseUnifiedDiff", () => {
  it("splits files and numbers old and new lines from each hunk", () => {
    const files = parseUnifiedDiff(PATCH);
    expect(files.map((f) => [f.path, f.additions, f.deletions])).toEqual([["app/page.tsx", 1, 1], ["app/new.tsx", 2, 0]]);
    const lines = files[0]!.lines.filter((l) => l.kind !== "meta");
    expect(lines.map((l) => [l.kind, l.oldNo, l.newNo])).toEqual([["hunk", null, null], ["context", 10, 10], ["del", 11, null], ["add", null, 11], ["context", 12, 12]]);
    expect(files[1]!.lines.filter((l) => l.kind === "add").map((l) => l.newNo)).toEqual([1, 2]);
  });

  it("takes a bare patch without a git header", () => {
    const files = parseUnifiedDiff("--- a/x.css\n+++ b/x.css\n@@ -1 +1 @@\n-a{}\n+b{}\n");
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: "x.css", additions: 1, deletions: 1 });
  });
});

describe("DiffView and SafeMarkdown", () => {
  it("renders added and removed lines as typed rows, and the patch's markup as text", () => {
    const out = html(<DiffView patch={PATCH} />);
    expect(out.match(/data-kind="add"/g)).toHaveLength(3);
    expect(out.match(/data-kind="del"/g)).toHaveLength(1);
    expect(out).toContain("Changes to app/new.tsx");
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;script&gt;");
  });

  it("renders headings, lists, bold and code, and never an artifact's HTML", () => {
    const out = html(<SafeMarkdown source={"# Findings\n- CPL **doubled**\n- see `ad_42`\n<img src=x onerror=alert(1)>\n[click](javascript:alert(1))"} />);
    expect(out).toMatch(/<h4[^>]*>Findings<\/h4>/);
    expect(out).toContain("<strong>doubled</strong>");
    expect(out).toMatch(/<code[^>]*>ad_42<\/code>/);
    expect(out).not.toMatch(/<img|<a /);
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
