import type { DesignPage, DesignStyle } from "@/server/db/schema/appgen";
import { LlmOutputError, type LlmService, type UsageContext } from "@/server/services/llm/types";
import type { BusinessFacts } from "./brief";
import { registerDesignGenerator } from "./offline";
import { DESIGN_MAX_TOKENS, DESIGN_PURPOSE, DESIGN_SYSTEM_PROMPT, designMessages } from "./prompt";
import { designProposalSchema } from "./schema";

registerDesignGenerator();

export type ProposeResult =
  | { ok: true; style: DesignStyle; pages: DesignPage[]; generator: LlmService["kind"] }
  | { ok: false; error: string; generator: LlmService["kind"] };

/**
 * One model call for the whole design. An answer that is not a usable design (bad JSON, a preview with
 * a script, a missing home page) is the outcome, not an exception: the design is recorded FAILED
 * with the reason. Anything else (network, 5xx) throws for the step to retry.
 */
export async function proposeDesign(llm: LlmService, opts: { facts: BusinessFacts; usage: UsageContext }): Promise<ProposeResult> {
  try {
    const { object } = await llm.generateObject({
      purpose: DESIGN_PURPOSE,
      schema: designProposalSchema,
      system: DESIGN_SYSTEM_PROMPT,
      messages: designMessages(opts.facts),
      maxTokens: DESIGN_MAX_TOKENS,
      usage: opts.usage,
    });
    const pages = object.pages.map((p) => ({
      ...p,
      options: p.options.map((o, i) => ({ optionId: `${p.pageId}-${i + 1}`, label: o.label, html: o.html })),
    }));
    return { ok: true, style: object.style, pages, generator: llm.kind };
  } catch (err) {
    if (!(err instanceof LlmOutputError)) throw err;
    return { ok: false, error: `The model's design could not be used: ${err.message}`, generator: llm.kind };
  }
}
