import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as removeSchedule, GET as listSchedules, POST as createSchedule } from "@/app/api/agents/schedules/route";
import { agentScheduleDue } from "@/inngest/events";
import { submitScheduledAgentIssue } from "@/inngest/functions/agent-tasks/submit-scheduled-agent-issue";
import { cronMatches, latestTick, parseCron } from "@/server/agent-tasks/cron";
import { findDueSchedules } from "@/server/agent-tasks/schedules";
import { agentIssues, agentSchedules } from "@/server/db/schema/agent-tasks";
import { testCtx, type World } from "../campaigns/support";
import { jsonRequest } from "../../support/viewers";
import { errorOf, get, post, twoOrganizations } from "./support";

const orgs = twoOrganizations(["Sky", "Sal"]);
let w: World;
let stranger: World;
beforeAll(() => {
  ({ w, stranger } = orgs);
});
afterEach(() => vi.restoreAllMocks());

const spec = (cron: string) => {
  const parsed = parseCron(cron);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.spec;
};

describe("cron", () => {
  it("matches minutes, steps, ranges, lists and day-of-week (7 = Sunday), OR-ing the two day fields", () => {
    const monday9 = new Date("2026-12-07T09:00:00Z"); // a Monday
    expect(cronMatches(spec("0 9 * * 1"), monday9)).toBe(true);
    expect(cronMatches(spec("0 9 * * 2"), monday9)).toBe(false);
    expect(cronMatches(spec("*/15 8-10 * * *"), new Date("2026-12-07T10:45:00Z"))).toBe(true);
    expect(cronMatches(spec("*/15 8-10 * * *"), new Date("2026-12-07T11:00:00Z"))).toBe(false);
    expect(cronMatches(spec("0 0 * * 7"), new Date("2026-12-06T00:00:00Z"))).toBe(true); // Sunday
    expect(cronMatches(spec("0 9 1 * 1"), monday9)).toBe(true); // day 7 is not the 1st, but it is a Monday
    for (const bad of ["", "* * * *", "60 * * * *", "* 24 * * *", "0 9 * * MON", "5-1 * * * *", "*/0 * * * *"]) expect(parseCron(bad).ok, bad).toBe(false);
  });

  it("finds the latest tick since the last run, looking back at most an hour", () => {
    const every5 = spec("*/5 * * * *");
    expect(latestTick(every5, new Date("2026-12-07T09:00:00Z"), new Date("2026-12-07T09:12:30Z"))?.toISOString()).toBe("2026-12-07T09:10:00.000Z");
    expect(latestTick(every5, new Date("2026-12-07T09:10:00Z"), new Date("2026-12-07T09:14:00Z"))).toBeNull(); // already ran 09:10
    expect(latestTick(spec("0 9 * * 1"), new Date("2026-11-01T00:00:00Z"), new Date("2026-12-07T12:00:00Z"))).toBeNull(); // 3 hours late: skipped
  });
});

describe("/api/agents/schedules", () => {
  it("creates (201), lists and deletes the organization's schedules; a bad cron names the field", async () => {
    const bad = await createSchedule(post("/api/agents/schedules", w.owner.cookie, { title: "Weekly review", description: "Last week's ads", cron: "every monday" }));
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/^cron: /);
    const foreignProject = await createSchedule(post("/api/agents/schedules", w.owner.cookie, { title: "t", description: "d", cron: "0 9 * * 1", projectId: stranger.projectId }));
    expect(foreignProject.status).toBe(404);
    const res = await createSchedule(post("/api/agents/schedules", w.owner.cookie, { title: "Weekly review", description: "Last week's ads", cron: "0 9 * * 1", projectId: w.projectId }));
    expect(res.status).toBe(201);
    const { schedule } = (await res.json()) as { schedule: { id: string } };
    const theirs = await listSchedules(get("/api/agents/schedules", stranger.owner.cookie));
    expect(((await theirs.json()) as { schedules: unknown[] }).schedules).toEqual([]);
    const del = (cookie: string) => removeSchedule(jsonRequest("/api/agents/schedules", { method: "DELETE", cookie, body: { scheduleId: schedule.id } }));
    expect((await del(stranger.owner.cookie)).status).toBe(404);
    expect((await del(w.owner.cookie)).status).toBe(200);
    expect(await orgs.handle.db.select().from(agentSchedules).where(eq(agentSchedules.id, schedule.id))).toEqual([]);
  });
});

describe("due schedules → issues", () => {
  it("finds a due tick and submits one SCHEDULED issue per schedule and tick, however often the tick is delivered", async () => {
    const [schedule] = await orgs.handle.db
      .insert(agentSchedules)
      .values({ organizationId: w.organizationId, projectId: w.projectId, title: "Review ads", description: "Every 5 minutes", cron: "*/5 * * * *", createdAt: new Date("2026-12-07T08:58:00Z") })
      .returning();
    const now = new Date("2026-12-07T09:07:10Z");
    const due = (await findDueSchedules(orgs.handle.db, now)).filter((d) => d.scheduleId === schedule!.id);
    expect(due).toEqual([{ organizationId: w.organizationId, scheduleId: schedule!.id, tick: "2026-12-07T09:05Z" }]);

    const run = async () => {
      const ctx = testCtx();
      const { result } = await new InngestTestEngine({ function: submitScheduledAgentIssue, events: [agentScheduleDue.create(due[0]!) as never], transformCtx: ctx.transformCtx }).execute();
      return { result: result as { issueId: string; created: boolean }, sent: ctx.sent };
    };
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.result.issueId).toBe(b.result.issueId);
    expect([a.result.created, b.result.created].sort()).toEqual([false, true]);
    const issues = await orgs.handle.db.select().from(agentIssues).where(eq(agentIssues.externalId, `${schedule!.id}:2026-12-07T09:05Z`));
    expect(issues).toEqual([expect.objectContaining({ source: "SCHEDULED", organizationId: w.organizationId, title: "Review ads" })]);
    expect(a.sent[0]!.payload).toMatchObject({ name: "agents/issue.submitted", id: a.result.issueId });
    // Recorded as run: the same minute is not due again.
    expect((await findDueSchedules(orgs.handle.db, now)).filter((d) => d.scheduleId === schedule!.id)).toEqual([]);
  });
});
