/**
 * Freezing one `inngest start` node (selfhost profile) to show the other carries the installation alone.
 * SIGSTOP rather than a kill: the frozen node takes no step, lease or event while stopped (its Redis
 * leases expire and the other node takes them over) and comes back for the files that run after.
 */
import fs from "node:fs";

/** The process state letter from /proc (T: stopped by a signal). */
function processState(pid: number): string {
  return fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0]!;
}

export async function whileNodeStopped<T>(pid: number, work: () => Promise<T>): Promise<T> {
  // The node runs in its own process group (startProcess): stop all of it.
  process.kill(-pid, "SIGSTOP");
  try {
    // The signal is delivered asynchronously: give every thread of the node a moment to halt.
    const deadline = Date.now() + 5_000;
    while (processState(pid) !== "T") {
      if (Date.now() > deadline) throw new Error(`node ${pid} did not stop (state ${processState(pid)})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return await work();
  } finally {
    process.kill(-pid, "SIGCONT");
  }
}

