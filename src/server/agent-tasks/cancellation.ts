import { eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { agentJobs } from "@/server/db/schema/agent-tasks";

export interface CancellationEnding {
  status: "FAILED" | "CANCELLED";
  error: string;
}

/**
 * Why the engine cancelled a job's run. Its cancellation event does not say whether a cancel request
 * or the finish timeout did it; a job that has been running at least as long as the timeout timed out.
 */
export async function cancellationEnding(db: Db, input: { jobId: string; timeoutMinutes: number; now: Date }): Promise<CancellationEnding> {
  const [job] = await db.select({ startedAt: agentJobs.startedAt }).from(agentJobs).where(eq(agentJobs.id, input.jobId));
  const ranMs = job?.startedAt ? input.now.getTime() - job.startedAt.getTime() : 0;
  if (ranMs >= input.timeoutMinutes * 60_000) {
    return { status: "FAILED", error: `The job did not finish within ${input.timeoutMinutes} minutes and was stopped.` };
  }
  return { status: "CANCELLED", error: "Cancelled at the owner's request." };
}
