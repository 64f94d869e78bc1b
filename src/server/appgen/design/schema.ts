import { z } from "zod";
import { ACTION_NAME, pageSpec } from "@/server/appgen/spec";
import { previewHtmlProblem } from "./preview-html";

/** The design step proposes a small site: enough pages to be a site, few enough to review in one sitting. */
export const MIN_DESIGN_PAGES = 3;
export const MAX_DESIGN_PAGES = 5;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 3;

const previewHtml = z.string().superRefine((html, ctx) => {
  const problem = previewHtmlProblem(html);
  if (problem) ctx.addIssue({ code: "custom", message: `The preview ${problem}` });
});

const option = z.object({
  label: z.string().trim().min(1).max(60),
  html: previewHtml,
});

const page = z.object({
  // The same rules as the generation spec, so a proposal always makes a valid spec.
  pageId: pageSpec.shape.pageId,
  route: pageSpec.shape.route,
  name: z.string().trim().min(1).max(80),
  purpose: z.string().trim().min(1).max(400),
  actions: z.array(z.string().regex(ACTION_NAME, "Actions are lower-case names like 'signup'")).max(8),
  notes: z.string().trim().max(2000),
  options: z.array(option).min(MIN_OPTIONS).max(MAX_OPTIONS),
});

/** What the model (or the offline model) answers for `appgen-design`. */
export const designProposalSchema = z
  .object({
    style: z.object({
      name: z.string().trim().min(1).max(80),
      palette: z.array(z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colours are #rrggbb")).min(2).max(8),
      typography: z.array(z.string().trim().min(1).max(80)).min(1).max(4),
      notes: z.string().trim().max(2000),
    }),
    pages: z.array(page).min(MIN_DESIGN_PAGES).max(MAX_DESIGN_PAGES),
  })
  .superRefine((proposal, ctx) => {
    const ids = new Set<string>();
    const routes = new Set<string>();
    proposal.pages.forEach((p, i) => {
      if (ids.has(p.pageId)) ctx.addIssue({ code: "custom", path: ["pages", i, "pageId"], message: `pageId '${p.pageId}' is used twice` });
      if (routes.has(p.route)) ctx.addIssue({ code: "custom", path: ["pages", i, "route"], message: `route '${p.route}' is used twice` });
      ids.add(p.pageId);
      routes.add(p.route);
    });
    if (!routes.has("/")) ctx.addIssue({ code: "custom", path: ["pages"], message: "One page must have the route '/'" });
  });

export type DesignProposal = z.output<typeof designProposalSchema>;
