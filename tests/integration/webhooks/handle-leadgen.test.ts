import { eq } from "drizzle-orm";
import { RetryAfterError } from "inngest";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setDeps, type Deps } from "@/server/deps";
import { facebookConnections, facebookLeads, notifications } from "@/server/db/schema";
import { createGraphAdPlatform } from "@/server/services/facebook";
import { fetchAndStoreLead } from "@/server/webhooks/leads";
import { matchLeadgenChange } from "@/server/webhooks/leads-match";
import { createGraphLeadsFake, LEAD_FAILURES } from "../../mocks/graph-leads";
import { createTestDb } from "../../support/db";
import { embeddedDeps, seedWorld, type World } from "../campaigns/support";
import { leadgenEvent, runLeadgen, seedLeadCampaign, setPage } from "./leads-support";

const SECRET = "leads-app-secret";
const fake = createGraphLeadsFake({ baseUrl: "http://graph.test", appSecret: SECRET, tokens: ["EAAB-test-token"] });
const server = setupServer(...fake.handlers);
let handle: Awaited<ReturnType<typeof createTestDb>>;
let ada: World, bo: World;
let adaCampaignId: string;
let deps: Deps;

const answers = (name: string, email: string) => [
  { name: "full_name", values: [name] },
  { name: "email", values: [email] },
  { name: "phone_number", values: ["+15555550142"] },
];
const graphLead = (id: string, adId?: string) => ({ id, created_time: "2026-12-01T03:30:00+0000", form_id: "77", ...(adId ? { ad_id: adId } : {}), field_data: answers("Maya Okafor", "maya@example.com") });
const leadsOf = (leadgenId: string) => handle.db.select().from(facebookLeads).where(eq(facebookLeads.leadgenId, leadgenId));
const notesFor = (leadgenId: string) => handle.db.select().from(notifications).where(eq(notifications.dedupeKey, `lead:${leadgenId}`));
const names = (sent: { payload: unknown }[]) => sent.map((s) => (s.payload as { name: string; id?: string }));

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  handle = await createTestDb();
  deps = embeddedDeps(handle.db, { facebook: createGraphAdPlatform({ appId: "42", appSecret: SECRET, graphUrl: "http://graph.test" }) });
  setDeps(deps);
  [ada, bo] = [await seedWorld(handle.db, { name: "Ada" }), await seedWorld(handle.db, { name: "Bo" })];
  await setPage(handle.db, ada, "1111", "America/Los_Angeles");
  await setPage(handle.db, bo, "2222");
  adaCampaignId = (await seedLeadCampaign(handle.db, ada, { adId: "5001" })).id;
});
afterEach(() => fake.reset());
afterAll(async () => {
  setDeps();
  server.close();
  await handle?.close();
});

describe("webhooks-handle-leadgen", () => {
  it("matched by ad: three concurrent redeliveries store one lead and tell the owner once", async () => {
    fake.addLead(graphLead("9001", "5001"));
    const event = leadgenEvent({ leadgen_id: "9001", page_id: "1111", form_id: "77", ad_id: "5001", created_time: 1_796_095_800 });
    const runs = await Promise.all([runLeadgen(event), runLeadgen(event), runLeadgen(event)]);
    for (const run of runs) expect(run.error).toBeUndefined();
    const [lead, ...more] = await leadsOf("9001");
    expect(more).toEqual([]);
    // 03:30 UTC on Dec 1 is still Nov 30 in the ad account's Los Angeles day.
    expect(lead).toMatchObject({ match: "MATCHED", organizationId: ada.organizationId, campaignId: adaCampaignId, adId: "5001", formId: "77", day: "2026-11-30", unmatchedReason: null });
    expect(lead!.fieldData).toContainEqual({ name: "email", values: ["maya@example.com"] });
    const [note, ...moreNotes] = await notesFor("9001");
    expect(moreNotes).toEqual([]);
    expect(note).toMatchObject({ type: "LEAD", userId: ada.owner.userId, title: "New lead: Maya Okafor", link: `/projects/${ada.projectId}/campaigns/${adaCampaignId}` });
    expect(note!.body).toContain("answered your ad “Fresh at 8am”. Reach them at maya@example.com or +15555550142.");
    expect(runs.filter((r) => (r.result as { created: boolean }).created)).toHaveLength(1);
    const sent = runs.flatMap((r) => names(r.sent));
    expect(new Set(sent.map((s) => s.id))).toEqual(new Set([`notification-created-${note!.id}`, "facebook-lead-stored-9001"]));
    // The answers went from Graph into the database only: no step output carries them.
    for (const run of runs) expect(JSON.stringify([run.result, await Promise.all(Object.values(run.state))])).not.toContain("maya@example.com");
  });

  it("matched by page: the one organization that connected it gets the lead, its campaign found from Graph's ad id", async () => {
    const boCampaign = await seedLeadCampaign(handle.db, bo, { adId: "6001" });
    fake.addLead(graphLead("9002"));
    fake.addLead(graphLead("9003", "6001"));
    await runLeadgen(leadgenEvent({ leadgen_id: "9002", page_id: "2222", form_id: "77" }));
    await runLeadgen(leadgenEvent({ leadgen_id: 9003, page_id: 2222, form_id: "77", created_time: "1796095800" }));
    expect((await leadsOf("9002"))[0]).toMatchObject({ match: "MATCHED", organizationId: bo.organizationId, campaignId: null, day: "2026-12-01" });
    expect((await notesFor("9002"))[0]).toMatchObject({ userId: bo.owner.userId, title: "New lead: Maya Okafor" });
    expect((await leadsOf("9003"))[0]).toMatchObject({ organizationId: bo.organizationId, campaignId: boCampaign.id, adId: "6001" });
  });

  it("an unknown page is stored UNMATCHED without asking Graph or telling anyone", async () => {
    const { result, error } = await runLeadgen(leadgenEvent({ leadgen_id: "9004", page_id: "4444", form_id: "88" }));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ match: "UNMATCHED", reason: "the page belongs to no organization" });
    expect((await leadsOf("9004"))[0]).toMatchObject({ match: "UNMATCHED", organizationId: null, campaignId: null, pageId: "4444", formId: "88", fieldData: [] });
    expect(await notesFor("9004")).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it("a page connected in two organizations is UNMATCHED, never guessed", async () => {
    const [cy, di] = [await seedWorld(handle.db, { name: "Cy" }), await seedWorld(handle.db, { name: "Di" })];
    await setPage(handle.db, cy!, "3333");
    await setPage(handle.db, di!, "3333");
    fake.addLead(graphLead("9005"));
    const { result } = await runLeadgen(leadgenEvent({ leadgen_id: "9005", page_id: "3333" }));
    expect(result).toMatchObject({ match: "UNMATCHED", reason: "the page is connected in more than one organization" });
    expect((await leadsOf("9005"))[0]).toMatchObject({ organizationId: null, fieldData: [] });
    expect(fake.requests).toEqual([]);
  });

  it("a lead deleted before we read it is stored with the reason, asked once, no notification", async () => {
    const { error } = await runLeadgen(leadgenEvent({ leadgen_id: "9006", page_id: "1111", ad_id: "5001", created_time: 1_796_095_800 }));
    expect(error).toBeUndefined();
    expect((await leadsOf("9006"))[0]).toMatchObject({ match: "MATCHED", campaignId: adaCampaignId, fieldData: [], unmatchedReason: "Facebook no longer has this lead (it was deleted)", day: "2026-11-30" });
    expect(await notesFor("9006")).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ["a page throttle waits as long as Graph asked (RetryAfterError)", "9007", LEAD_FAILURES.pageThrottle, RetryAfterError.name, "Page request limit"],
    ["a Graph 500 is retried with the normal backoff", "9011", LEAD_FAILURES.serverError, "GraphApiError", "unexpected error"],
  ])("%s, storing nothing until the retry reads it", async (_label, leadgenId, failure, errorName, message) => {
    fake.addLead(graphLead(leadgenId, "5001"));
    fake.failNext(failure);
    const event = leadgenEvent({ leadgen_id: leadgenId, page_id: "1111", ad_id: "5001" });
    const { error } = await runLeadgen(event);
    // The engine hands the step's error back serialized: its name says which kind it was.
    expect(error).toMatchObject({ name: errorName, message: expect.stringContaining(message) });
    expect(await leadsOf(leadgenId)).toEqual([]);
    expect((await runLeadgen(event)).error).toBeUndefined();
    expect(await leadsOf(leadgenId)).toHaveLength(1);
  });

  it("without a usable login the lead is kept with the reason and the owner is told to reconnect", async () => {
    await handle.db.update(facebookConnections).set({ status: "EXPIRED" }).where(eq(facebookConnections.organizationId, ada.organizationId));
    try {
      await runLeadgen(leadgenEvent({ leadgen_id: "9008", page_id: "1111", ad_id: "5001" }));
      expect((await leadsOf("9008"))[0]).toMatchObject({ match: "MATCHED", organizationId: ada.organizationId, fieldData: [] });
      expect((await leadsOf("9008"))[0]!.unmatchedReason).toMatch(/reconnect Facebook/);
      expect((await notesFor("9008"))[0]!.body).toMatch(/could not read their answers: the Facebook login is not connected/);
      expect(fake.requests).toEqual([]);
    } finally {
      await handle.db.update(facebookConnections).set({ status: "ACTIVE" }).where(eq(facebookConnections.organizationId, ada.organizationId));
    }
  });

  it("when every retry failed (onFailure), the lead is kept without answers and the owner told, without asking Graph again", async () => {
    const change = { leadgenId: "9010", pageId: "1111", adId: "5001" };
    const match = await matchLeadgenChange(handle.db, change);
    const input = { change, match, fallbackTime: new Date("2026-12-01T18:00:00Z"), now: new Date(), givenUp: "Facebook did not answer" };
    const stored = await fetchAndStoreLead(deps, input);
    expect(stored).toMatchObject({ created: true, match: "MATCHED", campaignId: adaCampaignId, notification: { userId: ada.owner.userId, type: "LEAD" } });
    expect((await leadsOf("9010"))[0]).toMatchObject({ fieldData: [], unmatchedReason: "Facebook did not answer", day: "2026-12-01" });
    expect((await notesFor("9010"))[0]!.body).toContain("could not read their answers: Facebook did not answer");
    expect(fake.requests).toEqual([]);
    // A lead an earlier attempt stored stays as it was, and its notification is handed back to announce.
    expect(await fetchAndStoreLead(deps, input)).toMatchObject({ created: false, leadId: stored.leadId, notification: { id: stored.notification!.id } });
  });

  it.each([
    ["no leadgen_id", { page_id: "1111", ad_id: "5001" }],
    ["an object for leadgen_id", { leadgen_id: { $gt: "" }, page_id: "1111" }],
    ["a path in leadgen_id", { leadgen_id: "../me", page_id: "1111" }],
  ])("a malformed value (%s) ends quietly with nothing stored", async (_label, value) => {
    const before = (await handle.db.select().from(facebookLeads)).length;
    const { result, error } = await runLeadgen(leadgenEvent(value, { pageId: "1111" }));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ skipped: expect.stringContaining("leadgen_id") });
    expect(await handle.db.select().from(facebookLeads)).toHaveLength(before);
  });

  it("optional fields of the wrong type are read as absent: the lead is still matched by its page", async () => {
    fake.addLead(graphLead("9009"));
    const { error } = await runLeadgen(leadgenEvent({ leadgen_id: "9009", page_id: "2222", ad_id: { id: 1 }, form_id: [1], created_time: "yesterday" }));
    expect(error).toBeUndefined();
    expect((await leadsOf("9009"))[0]).toMatchObject({ match: "MATCHED", organizationId: bo.organizationId, formId: "77" });
  });
});
