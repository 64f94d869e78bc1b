import { existsSync } from "node:fs";
import { readdir, readFile, readlink } from "node:fs/promises";

/**
 * Finding every process a sandbox command started, including those that left its process group
 * (`setsid`, `nohup … &` whose parent exited): they still carry the environment entry the sandbox
 * gave the command, and usually still work inside its directory. Both are read from /proc, so
 * this works from any process of the app, not only the one that spawned the command.
 */
export interface ProcessSelector {
  /** An environment entry or its start ("NAME=value" / "NAME=prefix"); inherited by every descendant. */
  environStartsWith: string;
  /** Processes whose working directory is inside this (real) directory belong too. */
  cwdInside?: string;
  /** Process groups to kill outright; `startTime` guards against a recycled group id. */
  groups?: { pgid: number; startTime: string | null }[];
}

const HAS_PROC = existsSync("/proc/self/environ");
const ROUNDS = 10;

/** Field 22 of /proc/<pid>/stat (clock ticks since boot); with the pid it names one process for good. */
export async function processStartTime(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  return stat ? parseStat(stat).startTime : null;
}

function parseStat(stat: string): { state: string; startTime: string } {
  // The command name may contain spaces and parentheses; fields restart after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", startTime: fields[19] ?? "" };
}

/** Running (not zombie) processes matching the selector, never this process. */
export async function findProcesses(selector: ProcessSelector): Promise<number[]> {
  if (!HAS_PROC) return [];
  const needle = `\0${selector.environStartsWith}`;
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  const found: number[] = [];
  await Promise.all(
    pids.map(async (pid) => {
      if (pid === process.pid) return;
      const environ = await readFile(`/proc/${pid}/environ`, "latin1").catch(() => "");
      let matches = `\0${environ}`.includes(needle);
      if (!matches && selector.cwdInside) {
        const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => "");
        matches = cwd === selector.cwdInside || cwd.startsWith(selector.cwdInside + "/");
      }
      if (!matches) return;
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
      // A zombie has already died; only its parent (often an init that never reaps) can clear it.
      if (stat && !["Z", "X"].includes(parseStat(stat).state)) found.push(pid);
    }),
  );
  return found;
}

async function killGroup(group: { pgid: number; startTime: string | null }) {
  if (HAS_PROC && group.startTime) {
    const leaderStart = await processStartTime(group.pgid);
    // A live process with this pid but another start time is somebody else's: the id was reused.
    if (leaderStart && leaderStart !== group.startTime) return;
  }
  signal(-group.pgid);
}

function signal(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * SIGKILLs the selected processes until none is left (a process forking between the scan and
 * the kill is caught by the next round). Answers the pids it killed.
 */
export async function killProcesses(selector: ProcessSelector): Promise<number[]> {
  const killed: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all((selector.groups ?? []).map(killGroup));
    const pids = await findProcesses(selector);
    if (pids.length === 0) break;
    pids.forEach(signal);
    killed.push(...pids);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return killed;
}
