import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { checkBrandHost, refusesPrivateBrandHosts } from "@/server/creative/brand-url";

const resolvesTo = (...addresses: string[]) => async () => addresses;

describe("brand URL host check", () => {
  it("allows anything outside production (a local test site)", async () => {
    expect(await checkBrandHost("http://127.0.0.1:4000/", { production: false })).toEqual({ ok: true });
  });

  it.each([
    ["http://127.0.0.1/", undefined],
    ["http://[::1]/", undefined],
    ["http://169.254.169.254/latest/meta-data", undefined],
    ["http://10.0.0.8/", undefined],
    ["http://[::ffff:192.168.1.1]/", undefined],
    ["https://intranet.example/", resolvesTo("192.168.0.10")],
    ["https://sneaky.example/", resolvesTo("93.184.216.34", "127.0.0.1")],
  ])("refuses %s in production", async (url, resolve) => {
    expect(await checkBrandHost(url, { production: true, resolve })).toEqual({ ok: false, message: expect.stringMatching(/public website/) });
  });

  it("allows a host that resolves only to public addresses", async () => {
    expect(await checkBrandHost("https://bakery.example/", { production: true, resolve: resolvesTo("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946") })).toEqual({ ok: true });
  });

  it("refuses a host that cannot be found", async () => {
    const fail = async () => {
      throw new Error("ENOTFOUND");
    };
    expect(await checkBrandHost("https://nowhere.example/", { production: true, resolve: fail })).toEqual({ ok: false, message: "host nowhere.example could not be found" });
  });
});

describe("when private brand hosts are refused", () => {
  it("in production, but not under the e2e harness's test controls, and never in development or tests", () => {
    expect(refusesPrivateBrandHosts({ NODE_ENV: "production" })).toBe(true);
    expect(refusesPrivateBrandHosts({ NODE_ENV: "production", AIGENCY_TEST_CONTROLS: "1" })).toBe(false);
    expect(refusesPrivateBrandHosts(parseEnv({ NODE_ENV: "development" }))).toBe(false);
    expect(refusesPrivateBrandHosts(parseEnv({ NODE_ENV: "test" }))).toBe(false);
  });
});
