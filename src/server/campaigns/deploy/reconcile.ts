import { GraphApiError, type AdAccountContext, type AdPlatform, type MarkedKind } from "@/server/services/facebook/types";

// Images and creatives cannot be switched off by status; an unused one costs nothing.
const DELETABLE: ReadonlySet<MarkedKind> = new Set(["campaign", "adset", "ad"]);

/** Graph's "object does not exist": what deleting an object someone already deleted can answer. */
export const isAlreadyGone = (err: unknown) => err instanceof GraphApiError && err.details.code === 100 && err.details.subcode === 33;

export interface Reconciled {
  id: string;
  /** True when this call or an earlier, interrupted attempt made the object; false only for a stored id. */
  created: boolean;
  /** True when the object was found on Facebook by its marker or claimed by a racing run, not created by this call. */
  adopted: boolean;
}

/**
 * Looks for the object on Facebook by its marker and adopts the oldest copy, creating one only when
 * nothing is found. The candidate is then claimed in the record (`claim` stores it only if the slot is
 * still empty and answers what the slot holds), so of two racing runs the first claim wins for both.
 * Then, for the kinds that can spend, it looks again and deletes every other copy with the marker, our
 * own candidate too if it lost: a racer's copy, or one an older attempt left, never spends next to the
 * one the record names.
 */
export async function adoptOrCreate(opts: {
  facebook: AdPlatform;
  fb: AdAccountContext;
  kind: MarkedKind;
  parentId?: string;
  marker: string;
  create: () => Promise<string>;
  claim: (id: string) => Promise<string>;
}): Promise<Reconciled> {
  const find = () => opts.facebook.findMarkedObjects(opts.fb, { kind: opts.kind, parentId: opts.parentId, marker: opts.marker });
  const [oldest] = [...(await find())].sort(byNumericId);
  const candidate = oldest?.id ?? (await opts.create());
  const claimed = await opts.claim(candidate);
  if (DELETABLE.has(opts.kind)) {
    // Graph's listing may lag behind a create, so our own candidate is named even if the second look misses it.
    const copies = new Set([candidate, ...(await find()).map((o) => o.id)]);
    copies.delete(claimed);
    for (const id of copies) await deleteUnlessGone(opts, id);
  }
  return { id: claimed, created: true, adopted: Boolean(oldest) || claimed !== candidate };
}

export async function deleteUnlessGone(opts: { facebook: AdPlatform; fb: AdAccountContext }, id: string) {
  await opts.facebook.updateStatus(opts.fb, id, "DELETED").catch((err: unknown) => {
    if (!isAlreadyGone(err)) throw err;
  });
}

/** Graph's numeric ids mostly grow with creation time: the best guess at the oldest copy, which an interrupted attempt made. */
export const byNumericId = (a: { id: string }, b: { id: string }) =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
