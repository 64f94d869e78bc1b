import { describe, expect, it } from "vitest";
import { classifyAgentIssue } from "@/inngest/functions/agent-tasks/classify-agent-issue";
import { recordAgentTaskCancellation } from "@/inngest/functions/agent-tasks/record-agent-task-cancellation";
import { runAgentJob } from "@/inngest/functions/agent-tasks/run-agent-job";

type Config = { id: string; priority?: unknown; concurrency?: unknown; cancel?: unknown; timeouts?: unknown; steps: Record<string, { retries?: { attempts?: number } }>; triggers: { event?: string; expression?: string }[] };
const configOf = (fn: unknown) =>
  (fn as { getConfig: (o: object) => Config[] }).getConfig({ baseUrl: new URL("http://app/api/inngest"), appPrefix: "aigency" });

describe("agent task flow control, as the engine is told it", () => {
  it("run-agent-job: priority from the issue, 5 per organization and 20 in all, 3 attempts, cancelled by its issue's cancel request, 15-minute finish", () => {
    const [main, failure] = configOf(runAgentJob);
    expect(main!.triggers).toEqual([{ event: "agents/job.requested" }]);
    expect(main!.priority).toEqual({ run: "event.data.priority == 'CRITICAL' ? 600 : event.data.priority == 'HIGH' ? 400 : event.data.priority == 'LOW' ? 0 : 200" });
    expect(main!.concurrency).toEqual([{ key: "event.data.organizationId", limit: 5 }, { limit: 20 }]);
    expect(Object.values(main!.steps)[0]!.retries).toEqual({ attempts: 2 });
    expect(main!.cancel).toEqual([{ event: "agents/task.cancel-requested", if: "event.data.issueId == async.data.issueId" }]);
    expect(main!.timeouts).toEqual({ finish: "15m" });
    expect(failure!.triggers[0]!.event).toBe("inngest/function.failed");
  });

  it("classify-agent-issue runs on every submitted issue; the cancellation recorder listens to run-agent-job only", () => {
    expect(configOf(classifyAgentIssue)[0]!.triggers).toEqual([{ event: "agents/issue.submitted" }]);
    expect(configOf(recordAgentTaskCancellation)[0]!.triggers).toEqual([{ event: "inngest/function.cancelled", expression: "event.data.function_id == 'aigency-run-agent-job'" }]);
  });
});
