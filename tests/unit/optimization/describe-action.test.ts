import { describe, expect, it } from "vitest";
import { parseActionCard } from "@/components/optimization/action-card-data";
import { describeActionStatus, describeChanges, groupByDay, isAwaitingDecision } from "@/components/optimization/describe-action";
import { objectNamesFor } from "@/components/optimization/object-names";

const names = { "111": 'ad set "Parents"', "222": 'ad set "Students"', "333": 'ad "Fresh at 8am"' };

describe("before → after in money and status terms", () => {
  it("writes a pause as running → paused, named as the owner knows the object", () => {
    expect(describeChanges({ statuses: { "333": "ACTIVE" } }, { statuses: { "333": "PAUSED" } }, { currency: "USD", names })).toEqual([
      'Ad "Fresh at 8am": running → paused',
    ]);
  });

  it("writes budgets in the campaign's currency, one line per ad set, skipping what did not change", () => {
    const lines = describeChanges(
      { dailyBudgets: { "111": 1_000, "222": 1_000 }, statuses: { "111": "ACTIVE" } },
      { dailyBudgets: { "111": 1_200, "222": 800 }, statuses: { "111": "ACTIVE" } },
      { currency: "EUR", names },
    );
    expect(lines).toEqual(['Ad set "Parents" daily budget: €10 → €12', 'Ad set "Students" daily budget: €10 → €8']);
    expect(describeChanges({ dailyBudgets: { "9": 150_000 } }, { dailyBudgets: { "9": 225_000 } }, { currency: "JPY" })).toEqual([
      "Object 9 daily budget: ¥1,500 → ¥2,250",
    ]);
  });

  it("says so when one side has no value, and nothing when nothing changes", () => {
    expect(describeChanges({}, { statuses: { "333": "ACTIVE" } }, { currency: "USD", names })).toEqual(['Ad "Fresh at 8am": unknown → running']);
    expect(describeChanges({ dailyBudgets: { "111": 500 } }, {}, { currency: "USD", names })).toEqual(['Ad set "Parents" daily budget: $5 → not set']);
    expect(describeChanges({ statuses: { "333": "PAUSED" } }, { statuses: { "333": "PAUSED" } }, { currency: "USD" })).toEqual([]);
  });
});

describe("grouping the ledger by account day", () => {
  it("puts the newest day first and keeps each day's entries in the order given", () => {
    const entries = [
      { id: "c", snapshotDate: "2026-11-29" },
      { id: "a", snapshotDate: "2026-11-30" },
      { id: "b", snapshotDate: "2026-11-29" },
      { id: "d", snapshotDate: "2026-11-02" },
    ];
    expect(groupByDay(entries).map((g) => [g.day, g.entries.map((e) => e.id)])).toEqual([
      ["2026-11-30", ["a"]],
      ["2026-11-29", ["c", "b"]],
      ["2026-11-02", ["d"]],
    ]);
    expect(groupByDay([])).toEqual([]);
  });
});

describe("statuses", () => {
  it("labels every ledger status in plain words; only AWAITING_APPROVAL keeps its buttons", () => {
    const statuses = ["PROPOSED", "AWAITING_APPROVAL", "APPROVED", "REJECTED", "EXPIRED", "BLOCKED", "DRY_RUN", "APPLYING", "APPLIED", "CONFLICT", "FAILED"];
    for (const s of statuses) expect(describeActionStatus(s).label).not.toBe(s);
    expect(describeActionStatus("AWAITING_APPROVAL").label).toBe("Awaiting your OK");
    expect(describeActionStatus("REJECTED").label).toBe("Dismissed");
    expect(statuses.filter(isAwaitingDecision)).toEqual(["AWAITING_APPROVAL"]);
  });
});

describe("the chat card read from message metadata", () => {
  const base = { kind: "optimization-action", actionId: "act-1", status: "AWAITING_APPROVAL", title: "Raise the daily budget", reason: "It pays back 3.8×", currency: "USD" };

  it("turns ledger values into before → after lines", () => {
    const card = parseActionCard({ ...base, before: { dailyBudgets: { "111": 1_000 } }, after: { dailyBudgets: { "111": 1_500 } } }, { names });
    expect(card).toMatchObject({ actionId: "act-1", status: "AWAITING_APPROVAL", title: "Raise the daily budget", projectedEffect: null, requiresApproval: true, impact: null });
    expect(card!.changes).toEqual(['Ad set "Parents" daily budget: $10 → $15']);
  });

  it("takes before and after that are already sentences as they are", () => {
    expect(parseActionCard({ ...base, before: "$30 a day", after: "$45 a day", projectedEffect: "About 5 more leads a week" })).toMatchObject({
      changes: ["$30 a day → $45 a day"],
      projectedEffect: "About 5 more leads a week",
    });
  });

  it("reports a change made alone, with its outcome and measured impact", () => {
    expect(parseActionCard({ ...base, status: "APPLIED", requiresApproval: false, outcome: "Done.", impact: "Saved €9 in 3 days." })).toMatchObject({
      requiresApproval: false,
      outcome: "Done.",
      impact: "Saved €9 in 3 days.",
    });
    expect(parseActionCard({ ...base, impact: { summary: "Saved €9." } })!.impact).toBe("Saved €9.");
  });

  it("is no card for other kinds or without an action id", () => {
    expect(parseActionCard({ ...base, kind: "something-else" })).toBeNull();
    expect(parseActionCard({ ...base, actionId: undefined })).toBeNull();
    expect(parseActionCard(null)).toBeNull();
  });
});

describe("object names", () => {
  it("names the campaign, ad sets and ads from the plan and the stored Facebook ids", () => {
    const structure = {
      objective: "OUTCOME_LEADS",
      name: "Bakery",
      dailyBudgetCents: 2_000,
      summary: "",
      adSets: [
        {
          name: "Parents",
          targeting: { countries: ["US"], ageMin: 25, ageMax: 45, interests: [] },
          ads: [
            { name: "a1", headline: "Fresh at 8am", primaryText: "", cta: "LEARN_MORE", imagePrompt: "" },
            { name: "a2", headline: "Warm bread", primaryText: "", cta: "LEARN_MORE", imagePrompt: "" },
          ],
        },
      ],
    };
    const record = { structure, fbCampaignId: "100", fbAdSetIds: { "adset-0": "111" }, fbAdIds: { "ad-0-0": "333" } };
    expect(objectNamesFor(record)).toEqual({ "100": "the campaign", "111": 'ad set "Parents"', "333": 'ad "Fresh at 8am"' });
    expect(objectNamesFor({ ...record, structure: null })).toEqual({ "100": "the campaign" });
  });
});
