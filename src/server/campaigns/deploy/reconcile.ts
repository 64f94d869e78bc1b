import type { AdAccountContext, AdPlatform, MarkedKind } from "@/server/services/facebook/types";

// Images and creatives cannot be switched off by status; an unused one costs nothing.
const DELETABLE: ReadonlySet<MarkedKind> = new Set(["campaign", "adset", "ad"]);

export interface Reconciled {
  id: string;
  /** True when this call or an earlier, interrupted attempt made the object; false only for a stored id. */
  created: boolean;
  /** True when the object was found on Facebook by its marker rather than created now. */
  adopted: boolean;
}

/**
 * Looks for the object on Facebook by its marker and adopts it; creates it only when nothing is
 * found. Surplus copies carrying the same marker (left by an older deployment or a concurrent
 * run) are deleted, so an adopted ad set never spends next to its twin.
 */
export async function adoptOrCreate(opts: {
  facebook: AdPlatform;
  fb: AdAccountContext;
  kind: MarkedKind;
  parentId?: string;
  marker: string;
  create: () => Promise<string>;
}): Promise<Reconciled> {
  const { facebook, fb, kind, marker } = opts;
  const found = await facebook.findMarkedObjects(fb, { kind, parentId: opts.parentId, marker });
  const [keep, ...surplus] = found;
  if (!keep) return { id: await opts.create(), created: true, adopted: false };
  if (DELETABLE.has(kind)) {
    for (const extra of surplus) await facebook.updateStatus(fb, extra.id, "DELETED");
  }
  return { id: keep.id, created: true, adopted: true };
}
