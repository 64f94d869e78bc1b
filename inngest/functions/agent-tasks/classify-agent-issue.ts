import { env } from "@/env";
import { inngest } from "@/inngest/client";
import { agentIssueClassified, agentIssueSubmitted, agentJobRequested } from "@/inngest/events";
import { classifyWithModel, loadIssue, recordClassification } from "@/server/agent-tasks/classify";
import { classifyByKeywords } from "@/server/agent-tasks/classify-keywords";
import { publishTaskStatus } from "@/inngest/realtime/agent-tasks";
import { registerAgentTaskGenerators } from "@/server/agent-tasks/offline-classifier";
import { OFFLINE_MODEL_ID } from "@/server/services/llm";

registerAgentTaskGenerators();

/**
 * An issue from any source → the model's classification (the keywords' when the model's answer
 * does not fit, or the model keeps failing) → the issue QUEUED with its job PENDING → the job is
 * requested with the issue's priority. The submitted event's id is the issue id, so a resend never
 * classifies twice; a retried step finds the job it already made.
 */
export const classifyAgentIssue = inngest.createFunction(
  { id: "classify-agent-issue", triggers: [agentIssueSubmitted], retries: 2 },
  async ({ event, step, deps }) => {
    const { organizationId, issueId } = event.data;
    const issue = await step.run("load-issue", () => loadIssue(deps.db, { organizationId, issueId }));
    if (!issue) return { outcome: "not-found" };
    if (issue.status === "CANCELLED") return { outcome: "cancelled" };

    let classification;
    try {
      classification = await step.run("classify", () => classifyWithModel(deps.services.llm, issue));
    } catch {
      // The model kept failing through the step's retries: the task still gets an agent.
      classification = await step.run("classify-by-keywords", () => ({ ...classifyByKeywords(issue), classifiedBy: "fallback" as const }));
    }

    const model = deps.services.llm.kind === "offline" ? OFFLINE_MODEL_ID : env().ANTHROPIC_MODEL_PLANNER;
    const recorded = await step.run("record-classification", () => recordClassification(deps.db, { organizationId, issueId, classification, model }));
    if (!recorded.recorded) return { outcome: recorded.reason };

    const data = { organizationId, issueId, jobId: recorded.jobId, agentType: recorded.agentType, priority: recorded.priority };
    await step.sendEvent("emit-classified", [
      agentIssueClassified.create(data, { id: `agents-issue-classified-${issueId}` }),
      agentJobRequested.create(data, { id: `agents-job-requested-${recorded.jobId}` }),
    ]);
    await publishTaskStatus(step, "announce-queued", issueId, { kind: "status", jobId: recorded.jobId, status: "QUEUED", label: `Queued for the ${recorded.agentType} agent (${recorded.priority.toLowerCase()} priority).` });
    return { outcome: "classified", ...data, classifiedBy: classification.classifiedBy };
  },
);
