import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createGraphAdPlatform,
  decodeSimulatedLeadgenId,
  GraphApiError,
  simulatedLead,
  simulatedLeadFormId,
  simulatedLeadgenId,
} from "@/server/services/facebook";
import { leadBodySchema, toLead } from "@/server/services/facebook/transform";
import { createGraphLeadsFake, LEAD_FAILURES } from "../../mocks/graph-leads";

const SECRET = "lead-secret";
const TOKEN = "EAAB-lead-token";
const BASE = "http://graph.test";
const fake = createGraphLeadsFake({ baseUrl: BASE, appSecret: SECRET, tokens: [TOKEN] });
const server = setupServer(...fake.handlers);
const graph = createGraphAdPlatform({ appId: "42", appSecret: SECRET, graphUrl: BASE });
const catchError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as GraphApiError);

// The shape Graph documents for GET /{lead-id} (Lead Ads retrieval), with a custom question and a number answer.
const REAL_LEAD = {
  created_time: "2026-11-30T23:49:14+0000",
  id: "1234567890123456",
  ad_id: "120200000000000111",
  form_id: "987654321012345",
  field_data: [
    { name: "full_name", values: ["Joe Example"] },
    { name: "email", values: ["joe@example.com"] },
    { name: "phone_number", values: ["+15555550123"] },
    { name: "how_many_loaves", values: [3] },
  ],
};

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => fake.reset());
afterAll(() => server.close());

describe("toLead", () => {
  it("reads Graph's +0000 time, keeps ids, turns every answer into text", () => {
    const lead = toLead(leadBodySchema.parse(REAL_LEAD));
    expect(lead.createdTime.toISOString()).toBe("2026-11-30T23:49:14.000Z");
    expect(lead).toMatchObject({ id: REAL_LEAD.id, adId: REAL_LEAD.ad_id, formId: REAL_LEAD.form_id });
    expect(lead.fieldData).toContainEqual({ name: "how_many_loaves", values: ["3"] });
    expect(lead.fieldData).toContainEqual({ name: "email", values: ["joe@example.com"] });
  });
  it("leaves out ad and form when Graph does not send them (an organic lead)", () => {
    const lead = toLead(leadBodySchema.parse({ id: "1", created_time: "2026-01-01T00:00:00+0100", field_data: [] }));
    expect(lead.adId).toBeUndefined();
    expect(lead.createdTime.toISOString()).toBe("2025-12-31T23:00:00.000Z");
  });
});

describe("Graph getLead", () => {
  it("asks for the four fields with the token in the header and its proof, never in the URL", async () => {
    fake.addLead(REAL_LEAD);
    const lead = await graph.getLead(TOKEN, REAL_LEAD.id);
    expect(lead.fieldData.find((f) => f.name === "full_name")?.values).toEqual(["Joe Example"]);
    expect(fake.requests).toEqual([{ leadgenId: REAL_LEAD.id, fields: "created_time,field_data,ad_id,form_id" }]);
  });
  it("a deleted lead is Graph's 100/33, permanent (retrying cannot bring it back)", async () => {
    const error = await catchError(graph.getLead(TOKEN, "555"));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error?.details).toMatchObject({ code: 100, subcode: 33 });
    expect(error?.kind).toBe("permanent");
  });
  it("a page throttle is a rate limit with Graph's wait; a 500 is transient; a bad token is auth", async () => {
    fake.addLead(REAL_LEAD);
    fake.failNext(LEAD_FAILURES.pageThrottle);
    const throttled = await catchError(graph.getLead(TOKEN, REAL_LEAD.id));
    expect(throttled?.kind).toBe("rate-limit");
    expect(throttled?.details.retryAfterMs).toBe(4 * 60_000);
    fake.failNext(LEAD_FAILURES.serverError);
    expect((await catchError(graph.getLead(TOKEN, REAL_LEAD.id)))?.kind).toBe("transient");
    expect((await catchError(graph.getLead("EAAB-other", REAL_LEAD.id)))?.kind).toBe("auth");
  });
  it("an id that is not Graph's digits never reaches Graph and reads as a missing lead", async () => {
    const error = await catchError(graph.getLead(TOKEN, "../me/adaccounts"));
    expect(error?.details).toMatchObject({ code: 100, subcode: 33 });
    expect(fake.requests).toHaveLength(0);
  });
  it("an answer without field_data's shape is an error, not a lead with nothing in it", async () => {
    fake.addLead({ ...REAL_LEAD, field_data: "oops" as never });
    expect(await catchError(graph.getLead(TOKEN, REAL_LEAD.id))).toBeInstanceOf(GraphApiError);
  });
});

describe("simulated leadgen ids", () => {
  const createdTime = new Date("2026-11-30T10:00:00Z");
  it("round-trips ad, time and n; the same id is the same person", () => {
    const id = simulatedLeadgenId({ adId: "120123456789012345", createdTime, n: 2 });
    expect(id).toBe(`sim-120123456789012345-${createdTime.getTime() / 1000}-2`);
    expect(decodeSimulatedLeadgenId(id)).toEqual({ adId: "120123456789012345", createdTime, n: 2 });
    const lead = simulatedLead(id)!;
    expect(lead).toEqual(simulatedLead(id));
    expect(lead).toMatchObject({ adId: "120123456789012345", formId: simulatedLeadFormId("120123456789012345"), createdTime });
    expect(lead.fieldData.map((f) => f.name)).toEqual(["full_name", "email", "phone_number", "city"]);
    expect(lead.fieldData[1]!.values[0]).toMatch(/@example\.com$/);
    expect(lead.fieldData[2]!.values[0]).toMatch(/^\+1 555 01\d\d$/);
  });
  it("different n or ad gives a different lead; junk decodes to nothing", () => {
    const a = simulatedLead(simulatedLeadgenId({ adId: "1201", createdTime, n: 0 }))!;
    const b = simulatedLead(simulatedLeadgenId({ adId: "1201", createdTime, n: 1 }))!;
    expect(a.fieldData[1]!.values).not.toEqual(b.fieldData[1]!.values);
    for (const junk of ["", "sim-", "sim-abc-1-1", "sim-1-2", "1234567890", "sim-1-2-3-4", "SIM-1-2-3"]) expect(simulatedLead(junk)).toBeNull();
  });
  it("refuses to make an id that would not decode", () => {
    expect(() => simulatedLeadgenId({ adId: "act_1", createdTime, n: 0 })).toThrow();
    expect(() => simulatedLeadgenId({ adId: "1", createdTime, n: -1 })).toThrow();
    expect(() => simulatedLeadgenId({ adId: "1", createdTime: new Date(Number.NaN), n: 0 })).toThrow();
  });
});
