import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { agentScheduleDue } from "@/inngest/events";
import { findDueSchedules } from "@/server/agent-tasks/schedules";

/**
 * Every minute: the schedules with a tick due since their last run, one `agents/schedule.due` each.
 * The event id is scheduleId + tick, so finding a tick twice (the next minute, before it ran) sends once.
 */
export const findDueAgentSchedules = inngest.createFunction(
  { id: "find-due-agent-schedules", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step, deps }) => {
    const now = new Date(await step.run("now", () => new Date().toISOString()));
    const due = await step.run("find-due-schedules", () => findDueSchedules(deps.db, now));
    if (due.length > 0) {
      await step.sendEvent("send-schedules-due", due.map((d) => agentScheduleDue.create(d, { id: `agents-schedule-due-${d.scheduleId}-${d.tick}` })));
    }
    return { due: due.length };
  },
);
