import type { RegenerationPlan } from "@/server/db/schema/creative";

export const QUICK_CHOICES = ["hooks-only", "visuals-only", "start-fresh"] as const;
export type QuickChoice = (typeof QUICK_CHOICES)[number];

export interface RegenerationInput {
  feedback: string | null;
  quickChoice: QuickChoice | null;
  /** Hook numbers of the version being reused; null when there is no finished version to reuse. */
  previousHookNumbers: number[] | null;
}

const EVERYTHING = { research: true, hooks: "all", images: "all" } as const;

// Checked broadest first: a note that touches research also needs new hooks and images.
const START_FRESH = /\b(start (fresh|over|again)|from scratch|redo everything|all new)\b/i;
const RESEARCH = /\b(research|brand|audience|offer|customers?|product|proof)\b/i;
const HOOKS = /\b(hooks?|messag\w*|tone|emotion\w*|copy|headlines?|angles?|wording|punch\w*|text)\b/i;
const VISUALS = /\b(visuals?|images?|pictures?|photos?|colou?rs?|layouts?|designs?|fonts?|backgrounds?|look)\b/i;

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

/** "hook 3", "hooks 2 and 4", "hook #1, 2 & 5", "the second hook" → their numbers, in order, once each. */
export function mentionedHookNumbers(feedback: string): number[] {
  const found = new Set<number>();
  for (const m of feedback.matchAll(/\bhooks?\s*#?\s*(\d+(?:\s*(?:,|&|and|or)\s*#?\s*\d+)*)/gi)) {
    for (const n of m[1]!.match(/\d+/g) ?? []) found.add(Number(n));
  }
  for (const m of feedback.matchAll(/\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:and\s+(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)?hooks?\b/gi)) {
    found.add(ORDINALS[m[1]!.toLowerCase()]!);
    if (m[2]) found.add(ORDINALS[m[2].toLowerCase()]!);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * What the next version regenerates, from the owner's feedback (or quick choice, which wins) and the
 * hooks of the version it builds on. Pure, so every branch is unit-tested; the reason is shown to the owner.
 */
export function decideRegeneration(input: RegenerationInput): RegenerationPlan {
  if (input.previousHookNumbers === null) {
    return { ...EVERYTHING, reason: "There is no finished version to build on, so everything is made new." };
  }
  switch (input.quickChoice) {
    case "start-fresh":
      return { ...EVERYTHING, reason: "You chose to start fresh: research, hooks and images are all made new." };
    case "hooks-only":
      return { research: false, hooks: "all", images: "all", reason: "You chose hooks only: new hooks and their images; the research is kept." };
    case "visuals-only":
      return { research: false, hooks: "none", images: "all", reason: "You chose visuals only: new images; the research and hooks are kept." };
    default:
      return fromFeedback(input.feedback ?? "", input.previousHookNumbers);
  }
}

function fromFeedback(feedback: string, previousHookNumbers: number[]): RegenerationPlan {
  if (START_FRESH.test(feedback)) {
    return { ...EVERYTHING, reason: "Your feedback asks to start over: research, hooks and images are all made new." };
  }
  const named = mentionedHookNumbers(feedback).filter((n) => previousHookNumbers.includes(n));
  if (named.length > 0) {
    const list = named.length === 1 ? `hook ${named[0]}` : `hooks ${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
    return { research: false, hooks: named, images: named, reason: `Your feedback is about ${list}: only ${named.length === 1 ? "it and its images are" : "they and their images are"} redone; the rest is kept.` };
  }
  if (RESEARCH.test(feedback)) {
    return { ...EVERYTHING, reason: "Your feedback is about the brand, audience or offer: the research is redone, then new hooks and images." };
  }
  if (HOOKS.test(feedback)) {
    return { research: false, hooks: "all", images: "all", reason: "Your feedback is about the hooks and messaging: new hooks and images; the research is kept." };
  }
  if (VISUALS.test(feedback)) {
    return { research: false, hooks: "none", images: "all", reason: "Your feedback is about the visuals: new images; the research and hooks are kept." };
  }
  // Nothing recognisable: the copy is the likeliest target, and the research still holds.
  return { research: false, hooks: "all", images: "all", reason: "Your feedback does not name a part, so the hooks and images are redone; the research is kept." };
}
