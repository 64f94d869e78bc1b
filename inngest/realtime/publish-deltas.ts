/**
 * Coalesces a stream of small deltas into at most one publish in flight: the model is never held
 * up by the network, and a slow link gets fewer, larger chunks. Publishing is best effort: a lost
 * delta only costs the live preview, the stored message is what the browser shows in the end.
 */
export function createDeltaPublisher(publish: (chunk: { seq: number; delta: string }) => Promise<unknown>) {
  let pending = "";
  let seq = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let busy = false;

  const pump = async (): Promise<void> => {
    while (pending) {
      const delta = pending;
      pending = "";
      try {
        await publish({ seq: seq++, delta });
      } catch {
        // Best effort (see above).
      }
    }
    busy = false;
  };

  return {
    push(delta: string) {
      pending += delta;
      if (!busy) {
        busy = true;
        inFlight = pump();
      }
    },
    /** Resolves once everything pushed so far has been published (or dropped). */
    async flush() {
      await inFlight;
    },
  };
}
