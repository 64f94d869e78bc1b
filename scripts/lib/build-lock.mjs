import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error.code === "EPERM";
  }
}

/** The pid in the lock, "stale" when its owner died, "gone" when it was just released. */
function readOwner(lockFile) {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
    // An empty file is a lock being written this instant, unless it has been empty for a while.
    if (!Number.isFinite(pid)) return Date.now() - fs.statSync(lockFile).mtimeMs > 10_000 ? "stale" : 0;
    return isAlive(pid) ? pid : "stale";
  } catch (error) {
    if (error.code === "ENOENT") return "gone";
    throw error;
  }
}

/**
 * An exclusive lock file holding the owner's pid, so two concurrent `npm test` / `npm run dev`
 * never build the same binary (or the e2e app build) twice. A lock whose owner died is taken over.
 * `tag` and `what` name the build in the waiting line. Returns `release`.
 */
export async function acquireBuildLock(lockFile, { log, pollMs = 2_000, tag = "[inngest-dev-server]", what = "the Dev Server" }) {
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const owner = readOwner(lockFile);
    if (owner === "gone") continue;
    if (owner === "stale") {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (!announced) {
      log(`${tag} another process (pid ${owner}) is building ${what}; waiting for it`);
      announced = true;
    }
    await sleep(pollMs);
  }
}
