import { describe, expect, it } from "vitest";
import { findPatterns, type PoorFeedback } from "@/server/agent-tasks/improvements/patterns";
import { isoWeekOf, lastCompleteWeek, weekRange } from "@/server/agent-tasks/improvements/week";

const item = (id: string, over: Partial<PoorFeedback> = {}): PoorFeedback => ({ id, rating: 1, outcome: "NOT_SOLVED", comment: null, tags: [], issueType: null, issueTitle: "t", ...over });

describe("findPatterns (the offline analysis)", () => {
  it("finds the shared tag, the repeated comment word and the failing issue type, with the items that show each", () => {
    const found = findPatterns("copywriter", [
      item("a", { tags: ["tone", "length"], comment: "The hooks were too long and generic", issueType: "TASK" }),
      item("b", { tags: ["Tone"], comment: "Generic copy, nothing about the bakery", issueType: "TASK" }),
      item("c", { tags: ["length"], comment: "Wrong audience", issueType: "ANALYSIS" }),
      item("d", { tags: ["tone"], comment: "generic again", issueType: "TASK" }),
    ]);
    expect(found.patterns.map((p) => p.title)).toEqual(['Tagged "tone"', 'Comments mention "generic"', "TASK tasks fail"]);
    expect(found.patterns[0]!.feedbackIds).toEqual(["a", "b", "d"]);
    expect(found.patterns[0]!.pattern).toMatch(/^3 of 4 /);
    expect(found.patterns[1]!.feedbackIds).toEqual(["a", "b", "d"]);
    expect(found.patterns[2]!.feedbackIds).toEqual(["a", "b", "d"]);
  });

  it("ignores stopwords and short words, and says so when nothing is shared", () => {
    const found = findPatterns("analyst", [item("a", { comment: "this was not what I wanted" }), item("b", { comment: "what was this", outcome: "MADE_WORSE" })]);
    expect(found.patterns).toHaveLength(1);
    expect(found.patterns[0]).toMatchObject({ title: "Poor ratings without a shared cause", feedbackIds: ["a", "b"] });
    expect(found.patterns[0]!.pattern).toMatch(/NOT_SOLVED, MADE_WORSE/);
  });
});

describe("ISO weeks", () => {
  it("names weeks across a year boundary and back", () => {
    expect(isoWeekOf(new Date("2026-11-25T12:00:00Z"))).toBe("2026-W48");
    expect(isoWeekOf(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeekOf(new Date("2024-12-30T00:00:00Z"))).toBe("2025-W01");
    expect(weekRange("2026-W48")).toEqual({ from: new Date("2026-11-23T00:00:00Z"), to: new Date("2026-11-30T00:00:00Z") });
    expect(weekRange("2025-W01").from).toEqual(new Date("2024-12-30T00:00:00Z"));
  });

  it("looks back on the last complete week from Monday morning", () => {
    expect(lastCompleteWeek(new Date("2026-11-30T06:00:00Z"))).toBe("2026-W48");
  });
});
