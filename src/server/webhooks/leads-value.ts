import { z } from "zod";

/**
 * A `leadgen` change as Facebook sends it: `{leadgen_id, form_id, ad_id?, adgroup_id?, page_id,
 * created_time}` (no personal data: the answers are fetched from Graph). Ids arrive as strings,
 * sometimes as numbers; an optional field of the wrong type is treated as absent rather than
 * losing the lead. Without a usable leadgen id there is nothing to fetch nor to deduplicate on.
 */
export interface LeadgenChange {
  leadgenId: string;
  pageId: string;
  formId?: string;
  adId?: string;
  /** Facebook's time of the lead, unix seconds, when the change carried a readable one. */
  createdTime?: number;
}

// Graph ids are digits; simulated leads are `sim-<digits>-<digits>-<digits>` (simulated-leads.ts).
const leadgenIdSchema = z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(z.string().regex(/^(\d{1,30}|sim-\d{1,20}-\d{1,12}-\d{1,6})$/));
const graphId = z.union([z.string(), z.number().int().nonnegative()]).transform(String).pipe(z.string().regex(/^\d{1,30}$/));
const optionalId = graphId.optional().catch(undefined);

const valueSchema = z.object({
  leadgen_id: leadgenIdSchema,
  page_id: optionalId,
  form_id: optionalId,
  ad_id: optionalId,
  adgroup_id: optionalId,
  created_time: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/).transform(Number)]).optional().catch(undefined),
});

export type LeadgenParse = { ok: true; change: LeadgenChange } | { ok: false; problem: string };

/** The change, or what is wrong with it in words that carry none of its values (safe to log). */
export function parseLeadgenChange(input: { entryId: string; value: Record<string, unknown> }): LeadgenParse {
  const parsed = valueSchema.safeParse(input.value);
  if (!parsed.success) return { ok: false, problem: `leadgen_id is missing or not a lead id (${parsed.error.issues.map((i) => i.path.join(".") || "value").join(", ")})` };
  const v = parsed.data;
  const pageId = v.page_id ?? graphId.safeParse(input.entryId).data;
  if (!pageId) return { ok: false, problem: "neither page_id nor the entry id is a page id" };
  return {
    ok: true,
    change: {
      leadgenId: v.leadgen_id,
      pageId,
      ...(v.form_id ? { formId: v.form_id } : {}),
      // Older payloads name the ad `adgroup_id`.
      ...((v.ad_id ?? v.adgroup_id) ? { adId: v.ad_id ?? v.adgroup_id } : {}),
      ...(v.created_time !== undefined ? { createdTime: v.created_time } : {}),
    },
  };
}
