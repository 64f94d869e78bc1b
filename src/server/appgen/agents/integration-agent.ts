import { registerOfflineGenerator } from "@/server/services/llm";
import type { GenerationSpec } from "../spec";
import { callCodeAgent, readPayload, type AgentAnswer } from "./agent-call";
import { specActions } from "./page-agent";
import { actionFiles } from "./site/actions";
import { layoutFiles } from "./site/layout-files";
import { ENV_EXAMPLE, readme } from "./site/readme";
import { globalsCss } from "./site/theme";
import type { IntegrationAgent, IntegrationAgentInput } from "./types";

export const INTEGRATION_PURPOSE = "appgen-integration";

const SYSTEM = [
  "You are the integration agent of an app generator: the page agents have written each page; you write what they share.",
  "Write app/layout.tsx (metadata from the brief, the shared navigation, a footer; it imports ./globals.css), components/site/site-nav.tsx linking every page by its name with next/link, app/globals.css (the style's palette and typography as CSS custom properties on :root, with sensible defaults), app/not-found.tsx, README.md and .env.example.",
  "For every action in the spec write app/api/actions/<action>/route.ts: a POST handler that accepts JSON or form data, validates it simply, answers JSON to JSON callers and redirects form posts back to their page with ?sent=<action>. There is no database: mark in a comment where a real backend would plug in.",
  "Shared helpers go under lib/ and shared components under components/site/. Do not rewrite the pages. The tsconfig maps @/* to the app's root.",
].join("\n");

/** What the integration agent is told: the spec without the previews (the pages are already written). */
export interface IntegrationTask {
  task: "integration";
  brief: GenerationSpec["brief"];
  style: GenerationSpec["style"];
  globalNotes: string;
  pages: { pageId: string; route: string; name: string; actions: string[]; notes: string; files: string[] }[];
  actions: string[];
}

/** The part of the spec the shared files depend on (everything but the previews). */
export type IntegrationSpec = Pick<GenerationSpec, "brief" | "style" | "globalNotes"> & {
  pages: { pageId: string; route: string; name: string; actions: string[]; notes: string }[];
};

export function integrationTask(input: { spec: IntegrationSpec; pages: IntegrationAgentInput["pages"] }): IntegrationTask {
  const { spec } = input;
  const written = new Map(input.pages.map((p) => [p.pageId, p.files]));
  return {
    task: "integration",
    brief: spec.brief,
    style: spec.style,
    globalNotes: spec.globalNotes,
    pages: spec.pages.map((p) => ({ pageId: p.pageId, route: p.route, name: p.name, actions: p.actions, notes: p.notes, files: written.get(p.pageId) ?? [] })),
    actions: specActions(spec),
  };
}

/** The deterministic shared files, from the task alone. */
export function offlineIntegration(task: IntegrationTask): AgentAnswer {
  const spec = { brief: task.brief, pages: task.pages };
  const files = [
    ...layoutFiles(spec),
    { path: "app/globals.css", content: globalsCss(task.style) },
    ...actionFiles(task.actions),
    { path: "README.md", content: readme(spec, task.actions) },
    { path: ".env.example", content: ENV_EXAMPLE },
  ];
  const actions = task.actions.length ? `${task.actions.length} action route(s) (${task.actions.join(", ")})` : "no action routes (none requested)";
  return { files, summary: `layout, navigation for ${task.pages.length} page(s), theme tokens, 404 page, ${actions}, README and .env.example` };
}

registerOfflineGenerator(INTEGRATION_PURPOSE, (input) => offlineIntegration(readPayload<IntegrationTask>(input.lastUserMessage)));

export const integrateApp: IntegrationAgent = (llm, input) =>
  callCodeAgent(llm, { purpose: INTEGRATION_PURPOSE, system: SYSTEM, payload: integrationTask(input), offline: offlineIntegration, usage: input.usage, maxTokens: 24_000 });
