import { z } from "zod";

/**
 * The `generation_spec` a job is built from (plan 004's data contract): the brief, the style, and one
 * chosen preview HTML per page. Stored as-is on the job, so a job can always be explained by its input.
 */

/** A page's own preview may be a full HTML document; the caps keep one job's input bounded. */
export const PREVIEW_MAX_BYTES = 200_000;
export const SPEC_MAX_BYTES = 1_500_000;
export const MAX_PAGES = 12;

/** "/", "/about", "/pricing/plans": lower-case segments of letters, digits and single dashes. */
const ROUTE = /^\/(?:[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*)?$/;
/** Route segments Next.js gives a meaning of its own, which a generated page must not take. */
const RESERVED_SEGMENTS = new Set(["api", "_next", "node_modules"]);
const PAGE_ID = /^[a-z][a-z0-9-]{0,39}$/;
/** Actions become API route folders: `app/api/actions/<action>/route.ts`. */
export const ACTION_NAME = /^[a-z][a-z0-9-]{0,39}$/;

const text = (max: number) => z.string().trim().max(max);

export const briefSpec = z.object({
  title: text(120).min(1, "The brief needs a title"),
  details: text(4000).default(""),
  audience: text(1000).default(""),
  goals: text(2000).default(""),
});

export const styleSpec = z.object({
  name: text(80).default(""),
  // Hex colours, first = primary; the integration agent turns them into theme tokens.
  palette: z.array(z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colours are #rrggbb")).max(8).default([]),
  typography: z.array(text(80)).max(4).default([]),
  notes: text(2000).default(""),
});

export const pageSpec = z.object({
  pageId: z.string().regex(PAGE_ID, "pageId is lower-case letters, digits and dashes, starting with a letter"),
  route: z
    .string()
    .regex(ROUTE, "route is '/' or lower-case segments like '/about' or '/pricing/plans'")
    .refine((r) => !r.split("/").some((s) => RESERVED_SEGMENTS.has(s)), "route may not use a reserved segment (api, _next)"),
  name: text(80).min(1, "Every page needs a name"),
  treeNode: z.record(z.string(), z.unknown()).default({}),
  selectedPreviewHtml: z
    .string()
    .min(1, "Choose one preview for every page")
    .refine((html) => Buffer.byteLength(html, "utf8") <= PREVIEW_MAX_BYTES, `A preview may be at most ${PREVIEW_MAX_BYTES / 1000} kB`),
  actions: z.array(z.string().regex(ACTION_NAME, "Actions are lower-case names like 'signup'")).max(8).default([]),
  notes: text(2000).default(""),
});

export const generationSpec = z
  .object({
    projectId: z.string().min(1),
    designId: z.string().min(1).optional(),
    brief: briefSpec,
    style: styleSpec.default({ name: "", palette: [], typography: [], notes: "" }),
    globalNotes: text(4000).default(""),
    pages: z.array(pageSpec).min(1, "The app needs at least one page").max(MAX_PAGES, `At most ${MAX_PAGES} pages`),
  })
  .superRefine((spec, ctx) => {
    const seen = { ids: new Set<string>(), routes: new Set<string>() };
    spec.pages.forEach((page, i) => {
      if (seen.ids.has(page.pageId)) ctx.addIssue({ code: "custom", path: ["pages", i, "pageId"], message: `pageId '${page.pageId}' is used twice` });
      if (seen.routes.has(page.route)) ctx.addIssue({ code: "custom", path: ["pages", i, "route"], message: `route '${page.route}' is used twice` });
      seen.ids.add(page.pageId);
      seen.routes.add(page.route);
    });
    if (!seen.routes.has("/")) ctx.addIssue({ code: "custom", path: ["pages"], message: "One page must have the route '/'" });
    const total = Buffer.byteLength(JSON.stringify(spec), "utf8");
    if (total > SPEC_MAX_BYTES) ctx.addIssue({ code: "custom", path: ["pages"], message: `The whole spec may be at most ${SPEC_MAX_BYTES / 1_000_000} MB (it is ${(total / 1_000_000).toFixed(1)} MB)` });
  });

export type GenerationSpec = z.output<typeof generationSpec>;
export type PageSpec = GenerationSpec["pages"][number];
export type StyleSpec = GenerationSpec["style"];
