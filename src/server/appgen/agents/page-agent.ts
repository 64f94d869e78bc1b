import { registerOfflineGenerator } from "@/server/services/llm";
import type { GenerationSpec, PageSpec } from "../spec";
import { callCodeAgent, readPayload, type AgentAnswer } from "./agent-call";
import { previewToPage } from "./convert/preview-to-page";
import { fallbackPage } from "./fix/fallback-page";
import { FILE_MAX_BYTES, pageFilePath } from "./scope";
import type { PageAgent } from "./types";

export const PAGE_PURPOSE = "appgen-page";

const SYSTEM = [
  "You are the page agent of an app generator: you turn one page's chosen preview HTML into that page of a Next.js app.",
  "Write only this page's files: its route file (given as pageFile) and, if it helps, components under components/pages/<pageId>/. Never the layout, the navigation, globals.css or API routes: another agent writes those.",
  "Preserve the selected preview's structure, content and style intent: same sections in the same order, same copy, same look. Convert it to idiomatic TSX (className, htmlFor, style objects, self-closed void elements).",
  "Keep the preview's CSS scoped to this page (for example a <style> element the page renders, with every selector under a page wrapper class), so it cannot restyle other pages or the shared layout.",
  "Drop scripts, iframes and inline event handlers. Links to other pages of the app use next/link. Forms for the page's actions post (method=\"post\") to /api/actions/<action>.",
  "Export `metadata` with the page's title. The page is a server component: no \"use client\" unless it truly needs state.",
].join("\n");

/** What the page agent is told (and what its offline stand-in reads back). */
export interface PageTask {
  task: "page";
  brief: GenerationSpec["brief"];
  style: GenerationSpec["style"];
  globalNotes: string;
  page: Pick<PageSpec, "pageId" | "route" | "name" | "notes" | "actions" | "selectedPreviewHtml">;
  pageFile: string;
  routes: { route: string; name: string }[];
  allActions: string[];
}

export const specActions = (spec: { pages: { actions: string[] }[] }): string[] => [...new Set(spec.pages.flatMap((p) => p.actions))].sort();

export function pageTask(spec: GenerationSpec, page: PageSpec): PageTask {
  return {
    task: "page",
    brief: spec.brief,
    style: spec.style,
    globalNotes: spec.globalNotes,
    page: { pageId: page.pageId, route: page.route, name: page.name, notes: page.notes, actions: page.actions, selectedPreviewHtml: page.selectedPreviewHtml },
    pageFile: pageFilePath(page.route),
    routes: spec.pages.map((p) => ({ route: p.route, name: p.name })),
    allActions: specActions(spec),
  };
}

/**
 * The deterministic page: the preview converted to TSX (see convert/preview-to-page.ts). A preview so
 * dense that its JSX would pass the file cap is rendered as its sanitized HTML instead (the fixer's fallback).
 */
export function offlinePage(task: PageTask): AgentAnswer {
  const { source, notes } = previewToPage({ page: task.page, routes: task.routes.map((r) => r.route), actions: task.allActions });
  if (Buffer.byteLength(source, "utf8") > FILE_MAX_BYTES) {
    return {
      files: fallbackPage(task.page, { pagePath: task.pageFile, componentDir: `components/pages/${task.page.pageId}` }),
      summary: `${task.page.name} (${task.page.route}): the preview's JSX would pass ${FILE_MAX_BYTES / 1_000_000} MB, so ${task.pageFile} renders its sanitized HTML`,
    };
  }
  const extra = notes.length ? `; ${notes.join(", ")}` : "";
  return {
    files: [{ path: task.pageFile, content: source }],
    summary: `${task.page.name} (${task.page.route}): converted the chosen preview into ${task.pageFile}${extra}`,
  };
}

registerOfflineGenerator(PAGE_PURPOSE, (input) => offlinePage(readPayload<PageTask>(input.lastUserMessage)));

export const generatePage: PageAgent = (llm, input) =>
  callCodeAgent(llm, { purpose: PAGE_PURPOSE, system: SYSTEM, payload: pageTask(input.spec, input.page), offline: offlinePage, usage: input.usage, maxTokens: 32_000 });
