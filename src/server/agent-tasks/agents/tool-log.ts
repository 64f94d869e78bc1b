import { redact } from "@/server/redact";

export type AgentLogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";
/** The job's log (t-core backs it with its redacting appendAgentLog); agents never write logs rows themselves. */
export type AgentLog = (level: AgentLogLevel, message: string, data?: Record<string, unknown>) => Promise<void>;

const MAX_LOGGED_CHARS = 2000;

/** A tool's input as the log keeps it: redacted and cut, so a pasted token or a whole file never lands in a row. */
export function loggableInput(input: unknown): string {
  const text = typeof input === "string" ? input : JSON.stringify(input ?? null);
  return redact(text).slice(0, MAX_LOGGED_CHARS);
}

/**
 * Runs one tool and logs it: the tool, its redacted input and its outcome (`describe` says what came
 * back in a few words), or the error it failed with, which is rethrown so the job can retry.
 */
export async function callTool<T>(
  log: AgentLog,
  call: { tool: string; input: unknown; run: () => Promise<T>; describe: (out: T) => string },
): Promise<T> {
  const input = loggableInput(call.input);
  try {
    const out = await call.run();
    await log("INFO", `tool ${call.tool}`, { tool: call.tool, input, outcome: "ok", result: redact(call.describe(out)) });
    return out;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await log("ERROR", `tool ${call.tool} failed`, { tool: call.tool, input, outcome: "error", error: redact(message) });
    throw error;
  }
}
