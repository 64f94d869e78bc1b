import { describe, expect, it } from "vitest";
import { describePolicy } from "@/components/optimization/describe-policy";
import { DEFAULT_AUTONOMY_POLICY } from "@/server/optimization/policy";

const example = { currency: "USD", exampleDailyBudgetCents: 5_000 };

describe("the autonomy policy in plain words", () => {
  it("turns the safe defaults into money on an example campaign", () => {
    expect(describePolicy(DEFAULT_AUTONOMY_POLICY, example)).toEqual([
      "On a campaign spending $50 a day, the agency may move up to $10 a day on its own; bigger changes wait for your OK.",
      "Money changes above 100% of the daily budget ($50 a day in that example) are blocked, even if you approve them.",
      "Across all your campaigns, at most $50 a day is moved without asking you.",
      "After a change, that ad or audience is left alone for 24 hours so its numbers can settle.",
    ]);
  });

  it("says nothing runs alone in suggest-only mode, and nothing changes at all in dry run", () => {
    const suggest = describePolicy({ ...DEFAULT_AUTONOMY_POLICY, suggestOnly: true, cooldownHours: 1 }, example);
    expect(suggest[0]).toMatch(/nothing happens on its own/);
    expect(suggest.join(" ")).not.toMatch(/without asking you/);
    expect(suggest.at(-1)).toMatch(/for 1 hour so/);
    expect(describePolicy({ ...DEFAULT_AUTONOMY_POLICY, dryRun: true }, example)).toEqual([
      expect.stringMatching(/^Dry run is on: .*Nothing changes on Facebook/),
    ]);
  });

  it("with 0% alone, only changes that move no money run by themselves", () => {
    expect(describePolicy({ ...DEFAULT_AUTONOMY_POLICY, autonomousMaxPercent: 0 }, { currency: "EUR", exampleDailyBudgetCents: 5_000 })[0]).toMatch(
      /every money move waits for your OK/,
    );
  });
});
