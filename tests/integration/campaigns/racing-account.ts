import { GraphApiError, type AdPlatform, type MarkedObjectQuery, type ObjectStatus } from "@/server/services/facebook/types";

export type Run = "A" | "B";

interface Stored {
  id: string;
  kind: "campaign" | "adset";
  name: string;
  parentId?: string;
  status: ObjectStatus;
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * One ad account seen by two deploy runs racing on the same step, each through its own platform. The
 * double forces the interleaving that lost a campaign in CI, the same for any implementation that
 * looks, creates and looks again:
 *
 * 1. both runs list the marker and find nothing (A creates only after B has listed);
 * 2. A creates first, yet B's id sorts first (simulated ids are random; Graph's need not follow creation order);
 * 3. A's second listing is taken before B creates but answers only after B's whole step has finished
 *    (a slow answer), so whatever A does after looking again lands last.
 *
 * The test calls `bFinished()` when B's step settles.
 */
export function racingAccount(opts: { ids: Record<Run, string> }) {
  const objects = new Map<string, Stored>();
  const listings: Record<Run, number> = { A: 0, B: 0 };
  const bListed = gate();
  const aLookingAgain = gate();
  const bFinished = gate();

  const create = async (run: Run, object: Omit<Stored, "id">) => {
    await (run === "A" ? bListed.opened : aLookingAgain.opened);
    const id = opts.ids[run];
    objects.set(id, { id, ...object });
    return { id };
  };

  const platformFor = (run: Run) =>
    ({
      createCampaign: async (_ctx, input) => create(run, { kind: "campaign", name: input.name, status: input.status }),
      createAdSet: async (_ctx, input) => create(run, { kind: "adset", name: input.name, parentId: input.campaignId, status: input.status }),
      async findMarkedObjects(_ctx, query: MarkedObjectQuery) {
        const seen = [...objects.values()]
          .filter((o) => o.kind === query.kind && o.status !== "DELETED" && o.name.includes(query.marker))
          .filter((o) => !query.parentId || o.parentId === query.parentId)
          .map((o) => ({ id: o.id, name: o.name, status: o.status }));
        listings[run] += 1;
        if (run === "B" && listings.B === 1) bListed.open();
        if (run === "A" && listings.A === 2) {
          aLookingAgain.open();
          await bFinished.opened;
        }
        return seen;
      },
      async updateStatus(_ctx, id: string, status: ObjectStatus) {
        const o = objects.get(id);
        if (!o || o.status === "DELETED") {
          throw new GraphApiError(`Object with ID '${id}' does not exist`, { httpStatus: 400, code: 100, subcode: 33, isTransient: false });
        }
        o.status = status;
      },
    }) as Partial<AdPlatform> as AdPlatform;

  return {
    platformFor,
    bFinished: () => bFinished.open(),
    /** Objects of `kind` that have not been deleted. */
    live: (kind: Stored["kind"]) => [...objects.values()].filter((o) => o.kind === kind && o.status !== "DELETED").map((o) => o.id),
  };
}
