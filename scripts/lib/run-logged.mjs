import { spawn } from "node:child_process";
import fs from "node:fs";
import { clearInterval, setInterval } from "node:timers";

/**
 * Runs one build command with its output appended to `logFile`, printing a heartbeat every 30 s so
 * a long step never looks hung. On failure the error carries the log's last lines.
 */
export function runLogged(command, args, { cwd, env, logFile, log, label }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, "a");
    fs.writeSync(out, `\n$ ${command} ${args.join(" ")}   (in ${cwd})\n`);
    const started = Date.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", out, out] });
    const beat = setInterval(() => log(`[inngest-dev-server] ${label}… ${Math.round((Date.now() - started) / 1000)}s`), 30_000);
    let finished = false;
    // A spawn failure can report both "error" and "exit": settle once.
    const finish = (error) => {
      if (finished) return;
      finished = true;
      clearInterval(beat);
      // Each step's duration in the log, for whoever wonders where a slow build spent its time.
      fs.writeSync(out, `# ${label}: ${error ? "failed" : "done"} after ${Math.round((Date.now() - started) / 1000)}s\n`);
      fs.closeSync(out);
      if (!error) return resolve();
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
      reject(new Error(`${label} failed: \`${command} ${args.join(" ")}\` ${error}; full log: ${logFile}\n${tail}`));
    };
    child.on("error", (error) => finish(`could not start (${error.message})`));
    child.on("exit", (code, signal) => finish(code === 0 ? undefined : `exited with ${signal ?? `code ${code}`}`));
  });
}
