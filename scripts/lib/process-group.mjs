/**
 * Children started with `detached: true` lead their own process group; signalling the group also
 * stops what they spawned (`next` workers, the engine's helpers).
 */
export function stopProcessGroup(child, signal = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
