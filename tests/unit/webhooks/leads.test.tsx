import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CampaignLeads } from "@/components/webhooks/campaign-leads";
import type { LeadRow } from "@/components/webhooks/load-leads";
import { withLeadConversions } from "@/server/webhooks/leads-series";
import { parseLeadgenChange } from "@/server/webhooks/leads-value";
import { leadContact, leadNotificationText } from "@/server/webhooks/leads-words";

describe("parseLeadgenChange", () => {
  it("reads Facebook's value, numbers as ids, adgroup_id as the ad, the page from the entry when missing", () => {
    expect(parseLeadgenChange({ entryId: "222", value: { leadgen_id: 444, form_id: "55", adgroup_id: "66", created_time: 1_796_083_200 } })).toEqual({
      ok: true,
      change: { leadgenId: "444", pageId: "222", formId: "55", adId: "66", createdTime: 1_796_083_200 },
    });
  });
  it("names what is wrong without echoing values", () => {
    const parsed = parseLeadgenChange({ entryId: "222", value: { leadgen_id: "DROP TABLE secret" } });
    expect(parsed).toEqual({ ok: false, problem: "leadgen_id is missing or not a lead id (leadgen_id)" });
    expect(parseLeadgenChange({ entryId: "not-a-page", value: { leadgen_id: "1" } })).toMatchObject({ ok: false, problem: expect.stringContaining("page") });
  });
});

describe("lead words", () => {
  it("finds the person from full_name or first and last name, and their email and phone", () => {
    expect(leadContact([{ name: "first_name", values: ["Liam"] }, { name: "last_name", values: ["Novak"] }, { name: "phone_number", values: [" +1 555 0101 "] }])).toEqual({
      name: "Liam Novak", email: null, phone: "+1 555 0101",
    });
  });
  it("says who, how to reach them, and labels a simulated person; without answers says why", () => {
    const contact = { name: "Maya Okafor", email: "maya@example.com", phone: null };
    const full = leadNotificationText({ contact, adHeadline: "Fresh at 8am", campaignName: null, missingAnswers: null, simulated: true });
    expect(full.title).toBe("New lead: Maya Okafor");
    expect(full.body).toContain("Maya Okafor answered your ad “Fresh at 8am”. Reach them at maya@example.com.");
    expect(full.body).toContain("made-up person");
    const none = leadNotificationText({ contact: null, adHeadline: null, campaignName: "Bakery leads", missingAnswers: "the login expired", simulated: false });
    expect(none.body).toContain("Someone answered your campaign “Bakery leads”, but the agency could not read their answers: the login expired.");
  });
});

describe("withLeadConversions", () => {
  it("takes the larger count per day and leaves untouched days as they were", () => {
    const points = [{ date: "a", conversions: 2 }, { date: "b", conversions: 0 }, { date: "c", conversions: 1 }];
    const out = withLeadConversions(points, new Map([["a", 1], ["b", 3]]));
    expect(out.map((p) => p.conversions)).toEqual([2, 3, 1]);
    expect(out[0]).toBe(points[0]);
  });
});

describe("CampaignLeads", () => {
  const row: LeadRow = { id: "l1", name: "Maya Okafor", email: "maya@example.com", phone: "+1 555 0142", at: new Date("2026-11-30T15:00:00Z"), ad: "Fresh at 8am", otherAnswers: [], missing: null };
  const html = (leads: LeadRow[], simulated = false) => renderToStaticMarkup(<MantineProvider><CampaignLeads leads={leads} simulated={simulated} /></MantineProvider>);
  it("lists name, contact links, time and ad", () => {
    const out = html([row]);
    expect(out).toContain("Maya Okafor");
    expect(out).toContain('href="mailto:maya@example.com"');
    expect(out).toContain('href="tel:+15550142"');
    expect(out).toContain("Nov 30, 2026");
    expect(out).toContain("Fresh at 8am");
  });
  it("says when there are none, and why answers are missing", () => {
    expect(html([])).toContain("No leads yet");
    expect(html([{ ...row, email: null, phone: null, missing: "Facebook no longer has this lead" }])).toContain("Answers unavailable: Facebook no longer has this lead");
    expect(html([row], true)).toContain("made up by the simulated ad account");
  });
});
