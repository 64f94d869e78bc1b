import { describe, expect, it } from "vitest";
import { decideRegeneration, mentionedHookNumbers } from "@/server/creative/regeneration";

const FIVE = [1, 2, 3, 4, 5];
const decide = (feedback: string | null, quickChoice: "hooks-only" | "visuals-only" | "start-fresh" | null = null, previous: number[] | null = FIVE) =>
  decideRegeneration({ feedback, quickChoice, previousHookNumbers: previous });

/** What is redone and, by implication, what is reused from the version before. */
const shape = (p: ReturnType<typeof decide>) => ({ research: p.research, hooks: p.hooks, images: p.images });

describe("the regeneration decision", () => {
  it("redoes everything when there is no finished version to build on, whatever the feedback says", () => {
    const plan = decide("only change hook 2", "visuals-only", null);
    expect(shape(plan)).toEqual({ research: true, hooks: "all", images: "all" });
    expect(plan.reason).toMatch(/no finished version/);
  });

  it.each(["Let's start fresh", "start over please", "redo it from scratch"])("starts fresh on %j: nothing reused", (feedback) => {
    const plan = decide(feedback);
    expect(shape(plan)).toEqual({ research: true, hooks: "all", images: "all" });
    expect(plan.reason).toMatch(/start over/);
  });

  it.each([
    "The research got the brand wrong",
    "You misread our audience: we sell to teachers",
    "The offer is a free trial, not a discount",
  ])("redoes research, hooks and images on %j", (feedback) => {
    const plan = decide(feedback);
    expect(shape(plan)).toEqual({ research: true, hooks: "all", images: "all" });
    expect(plan.reason).toMatch(/research is redone/);
  });

  it.each(["make the hooks more emotional", "The messaging is too corporate", "Use a warmer tone", "more emotional please"])(
    "reuses the research and redoes hooks and images on %j",
    (feedback) => {
      const plan = decide(feedback);
      expect(shape(plan)).toEqual({ research: false, hooks: "all", images: "all" });
      expect(plan.reason).toMatch(/research is kept/);
    },
  );

  it.each(["The visuals feel flat", "Use brighter colours", "The images are too busy", "Try a different layout", "more saturated colors"])(
    "reuses the research and the hooks and redoes only the images on %j",
    (feedback) => {
      const plan = decide(feedback);
      expect(shape(plan)).toEqual({ research: false, hooks: "none", images: "all" });
      expect(plan.reason).toMatch(/research and hooks are kept/);
    },
  );

  it.each([
    ["hook 3 is weak", [3]],
    ["rewrite hooks 2 and 4", [2, 4]],
    ["Hooks #1, 2 & 5 need more punch", [1, 2, 5]],
    ["the second hook is off-brand", [2]],
    ["I don't like the first and third hooks", [1, 3]],
  ])("redoes only the named hooks and their images on %j, reusing research and the other hooks", (feedback, numbers) => {
    const plan = decide(feedback);
    expect(shape(plan)).toEqual({ research: false, hooks: numbers, images: numbers });
    expect(plan.reason).toMatch(/the rest is kept/);
  });

  it("ignores hook numbers the previous version does not have, and falls back to the kind of feedback", () => {
    expect(shape(decide("hook 9 is too long", null, [1, 2, 3]))).toEqual({ research: false, hooks: "all", images: "all" });
    expect(shape(decide("hooks 2 and 9", null, [1, 2, 3]))).toEqual({ research: false, hooks: [2], images: [2] });
  });

  it("lets a quick choice win over what the feedback says", () => {
    expect(shape(decide("the research is wrong", "visuals-only"))).toEqual({ research: false, hooks: "none", images: "all" });
    expect(shape(decide("only the colours", "hooks-only"))).toEqual({ research: false, hooks: "all", images: "all" });
    expect(shape(decide("hook 2 only", "start-fresh"))).toEqual({ research: true, hooks: "all", images: "all" });
  });

  it("redoes hooks and images, keeping the research, when the feedback names nothing it knows", () => {
    const plan = decide("hmm, not quite");
    expect(shape(plan)).toEqual({ research: false, hooks: "all", images: "all" });
    expect(plan.reason).toMatch(/does not name a part/);
  });

  it("reads hook numbers in order, once each", () => {
    expect(mentionedHookNumbers("hook 4, and hooks 2 or 4, also the second hook")).toEqual([2, 4]);
    expect(mentionedHookNumbers("no numbers here")).toEqual([]);
  });
});
