import { describe, expect, it } from "vitest";
import { commandTimeout } from "@/server/appgen/pipeline/job-state";

describe("commandTimeout", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  it("is the command's budget while the job has more time than that", () => {
    expect(commandTimeout({ deadlineAtMs: now + 3_600_000 }, 900, now)).toBe(900);
  });
  it("is cut to the whole seconds left before the deadline", () => {
    expect(commandTimeout({ deadlineAtMs: now + 120_500 }, 900, now)).toBe(120);
  });
  it("never reaches zero (the sandbox needs a positive timeout; the deadline check stops the stage)", () => {
    expect(commandTimeout({ deadlineAtMs: now - 5_000 }, 900, now)).toBe(1);
  });
});
