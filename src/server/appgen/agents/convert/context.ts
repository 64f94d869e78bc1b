import type { HTMLElement } from "node-html-parser";

/** What the writer learns while walking a page: which imports it needs, the CSS it lifted out, what it dropped. */
export interface WriteContext {
  /** Routes of the spec's pages: links to them become next/link `Link`s. */
  routes: ReadonlySet<string>;
  /** The action a `<form>` posts to (`/api/actions/<action>`), or null to leave the form as it is. */
  formAction: (form: HTMLElement) => string | null;
  uses: { link: boolean; cssProperties: boolean };
  css: string[];
  fontImports: string[];
  dropped: Map<string, number>;
}

export const noteDropped = (ctx: WriteContext, what: string) => ctx.dropped.set(what, (ctx.dropped.get(what) ?? 0) + 1);
