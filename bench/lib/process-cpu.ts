import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by every process in process group `pgid` (Linux /proc). */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) start at ") ": state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds each named group spent while `work` ran, and the bench process's own. */
export async function measureCpu<T>(groups: Record<string, number>, work: () => Promise<T>): Promise<{ result: T; cpuSeconds: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(groups).map(([k, pid]) => [k, groupCpuSeconds(pid)]));
  const self = process.cpuUsage();
  const result = await work();
  const own = process.cpuUsage(self);
  const cpuSeconds: Record<string, number> = { benchClient: Math.round((own.user + own.system) / 10_000) / 100 };
  for (const [k, pid] of Object.entries(groups)) cpuSeconds[k] = Math.round((groupCpuSeconds(pid) - before[k]!) * 100) / 100;
  return { result, cpuSeconds };
}

/**
 * Waits until the process group has used under `quietSeconds` of CPU in each of two 1-second windows
 * (or `timeoutMs` passes): boot work such as opening the embedded database stays out of a phase.
 */
export async function waitUntilIdle(pgid: number, opts: { quietSeconds?: number; timeoutMs?: number } = {}): Promise<void> {
  const quiet = opts.quietSeconds ?? 0.05;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let calm = 0;
  while (calm < 2 && Date.now() < deadline) {
    const before = groupCpuSeconds(pgid);
    await new Promise((r) => setTimeout(r, 1_000));
    calm = groupCpuSeconds(pgid) - before < quiet ? calm + 1 : 0;
  }
}
