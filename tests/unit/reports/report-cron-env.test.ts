import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/env";

describe("REPORT_CRON", () => {
  it("defaults to Mondays 07:00 UTC and takes a 5-field cron, optionally with a zone", () => {
    expect(parseEnv({}).REPORT_CRON).toBe("0 7 * * 1");
    expect(parseEnv({ REPORT_CRON: "TZ=Europe/Paris 30 8 * * MON" }).REPORT_CRON).toBe("TZ=Europe/Paris 30 8 * * MON");
  });

  it("names the variable when it is not a cron expression", () => {
    const attempt = () => parseEnv({ REPORT_CRON: "every monday" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/REPORT_CRON/);
  });
});
