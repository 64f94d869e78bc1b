import { z } from "zod";
import { registerOfflineGenerator, type OfflineGeneratorInput } from "@/server/services/llm";
import { readFacts } from "../model";

export const WEB_BUILDER_PURPOSE = "agent-task-web-builder";

const MAX_FILE_CHARS = 200_000;
export const codeEditSchema = z.object({
  summary: z.string().min(1).max(1000),
  /** Whole new contents of the files changed; only files the agent was given. Empty = no change made. */
  files: z.array(z.object({ path: z.string().min(1).max(300), content: z.string().max(MAX_FILE_CHARS) })).max(10),
});
export type CodeEdit = z.infer<typeof codeEditSchema>;

export const WEB_BUILDER_SYSTEM = [
  "You are the agency's web builder, editing a generated Next.js app (App Router, TypeScript, Tailwind).",
  "The facts hold the owner's request and the files it most likely concerns. Make the smallest change that does what is asked,",
  "keep the code compiling, and answer with the whole new content of each file you change (only files you were given).",
  "When the request cannot be done in these files, change nothing and say why in the summary.",
].join(" ");

export interface EditFacts {
  request: string;
  files: { path: string; content: string }[];
}

const SHORTER = /\b(short|shorter|shorten|trim|tighten|concise|cut|smaller|brief)\b/i;
const plainText = (s: string) => !/[<{}]/.test(s);

/** "Fresh sourdough, baked at dawn and at your door by eight" → "Fresh sourdough" (to the first pause, else half, at most 6 words). */
export function shortenHeading(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const pause = /^(.{6,}?)\s*[,:;.!?—–-]\s/.exec(clean)?.[1];
  const words = (pause ?? clean).split(" ");
  const keep = Math.min(6, pause ? words.length : Math.max(2, Math.ceil(words.length / 2)));
  return words.slice(0, keep).join(" ").replace(/[,:;—–-]+$/, "");
}

/** A paragraph's first sentence; a one-sentence paragraph cut to about 60% of its words. */
export function shortenParagraph(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const first = /^(.+?[.!?])\s/.exec(clean)?.[1];
  if (first) return first;
  const words = clean.split(" ");
  return words.length <= 6 ? clean : `${words.slice(0, Math.ceil(words.length * 0.6)).join(" ").replace(/[,;:]$/, "")}.`;
}

/**
 * The offline web builder does one thing for real: shortens the hero (the first <h1> and the
 * paragraph after it) of the first file that has one. Any other request changes nothing and says so.
 */
export function offlineCodeEdit(facts: EditFacts): CodeEdit {
  if (!SHORTER.test(facts.request) || !/hero|headline|heading|banner|top/i.test(facts.request)) {
    return { summary: "The offline model can only shorten the home page's hero; this request needs the real model (set ANTHROPIC_API_KEY).", files: [] };
  }
  for (const file of facts.files) {
    const h1 = /(<h1\b[^>]*>)([\s\S]*?)(<\/h1>)/.exec(file.content);
    if (!h1 || !plainText(h1[2]!)) continue;
    const heading = shortenHeading(h1[2]!);
    let content = file.content.slice(0, h1.index) + h1[1] + heading + h1[3] + file.content.slice(h1.index + h1[0].length);
    const after = h1.index + h1[1]!.length + heading.length + h1[3]!.length;
    const p = /(<p\b[^>]*>)([^<{}]+)(<\/p>)/.exec(content.slice(after));
    let paragraph: string | null = null;
    if (p) {
      paragraph = shortenParagraph(p[2]!);
      const at = after + p.index;
      content = content.slice(0, at) + p[1] + paragraph + p[3] + content.slice(at + p[0].length);
    }
    if (content === file.content) return { summary: `The hero of ${file.path} is already as short as it sensibly gets; nothing changed.`, files: [] };
    const said = paragraph ? ` and its paragraph to "${paragraph}"` : "";
    return { summary: `Shortened the hero of ${file.path}: the heading to "${heading}"${said}.`, files: [{ path: file.path, content }] };
  }
  return { summary: "No hero heading with plain text was found in the home page, so nothing changed.", files: [] };
}

export function registerWebBuilderGenerator(): void {
  registerOfflineGenerator(WEB_BUILDER_PURPOSE, (input: OfflineGeneratorInput) => offlineCodeEdit(readFacts<EditFacts>(input.lastUserMessage)));
}
