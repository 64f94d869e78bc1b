import { GraphApiError, type AdAccountContext, type AdPlatform, type MarkedKind, type MarkedObject } from "@/server/services/facebook/types";

// Images and creatives cannot be switched off by status; an unused one costs nothing.
const DELETABLE: ReadonlySet<MarkedKind> = new Set(["campaign", "adset", "ad"]);

/** Graph's "object does not exist": what deleting an object someone already deleted can answer. */
export const isAlreadyGone = (err: unknown) => err instanceof GraphApiError && err.details.code === 100 && err.details.subcode === 33;

export interface Reconciled {
  id: string;
  /** True when this call or an earlier, interrupted attempt made the object; false only for a stored id. */
  created: boolean;
  /** True when the object was found on Facebook by its marker rather than created by this call. */
  adopted: boolean;
}

/**
 * Looks for the object on Facebook by its marker and adopts it; creates it only when nothing is
 * found, then looks again so that two runs racing past the first lookup settle on the same copy.
 * Every other copy with the same marker (a racer's, or one an older deployment left) is deleted,
 * so an adopted ad set never spends next to its twin. The oldest id wins, the same for every run.
 */
export async function adoptOrCreate(opts: {
  facebook: AdPlatform;
  fb: AdAccountContext;
  kind: MarkedKind;
  parentId?: string;
  marker: string;
  create: () => Promise<string>;
}): Promise<Reconciled> {
  const find = () => opts.facebook.findMarkedObjects(opts.fb, { kind: opts.kind, parentId: opts.parentId, marker: opts.marker });
  const before = await find();
  if (before.length) return { id: await keepOldest(opts, before), created: true, adopted: true };
  const id = await opts.create();
  const after = await find();
  const seen = after.some((o) => o.id === id) ? after : [{ id, name: opts.marker }, ...after];
  const kept = await keepOldest(opts, seen);
  return { id: kept, created: true, adopted: kept !== id };
}

async function keepOldest(opts: { facebook: AdPlatform; fb: AdAccountContext; kind: MarkedKind }, found: MarkedObject[]) {
  const [keep, ...surplus] = [...found].sort(byNumericId);
  if (DELETABLE.has(opts.kind)) {
    for (const extra of surplus) {
      await opts.facebook.updateStatus(opts.fb, extra.id, "DELETED").catch((err: unknown) => {
        if (!isAlreadyGone(err)) throw err;
      });
    }
  }
  return keep!.id;
}

/** Graph's numeric ids grow with creation time; sorting by them makes every run keep the same copy. */
export const byNumericId = (a: { id: string }, b: { id: string }) =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
