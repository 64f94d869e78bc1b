import { describe, expect, inject, it } from "vitest";
import { deployToCompletion } from "./support/deployment";
import { engineApi } from "./support/engine";

const devServer = engineApi();

const databaseUrl = inject("databaseUrl");

describe("replay is safe", () => {
  it("rerunning a completed deployment completes and duplicates no row, email or Facebook object", async () => {
    const deployment = await deployToCompletion({ appUrl: inject("appUrl"), devServer, databaseUrl, user: "replay" });
    const { run: original, completed: first } = deployment;
    const before = await deployment.sideEffects();
    expect(before.objectIds.length).toBeGreaterThanOrEqual(4); // campaign, ad set, image, creative, ad…
    expect(before.emailIds.length).toBeGreaterThanOrEqual(1);

    const rerunId = await devServer.rerun(original.id);
    expect(rerunId).not.toBe(original.id);
    const second = await devServer.waitForRunStatus(rerunId, { statuses: ["COMPLETED"], timeoutMs: 90_000 });
    expect(second.output).toEqual(first.output);

    expect(await deployment.sideEffects()).toEqual(before);
    // Only the original deployment announced the campaign; the rerun's send reused the same event id.
    expect(await deployment.announcements()).toBe(1);
  });
});
