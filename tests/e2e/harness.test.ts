import { describe, expect, inject, it } from "vitest";
import { signedInClient } from "./support/app-api";
import { DevServer } from "./support/dev-server-api";

const devServer = new DevServer(inject("devServerUrl"));

describe("e2e harness: app + real Inngest Dev Server", () => {
  it("the app is synced: the Dev Server lists the app's functions", async () => {
    const res = await fetch(`${inject("appUrl")}/api/inngest`);
    const introspection = (await res.json()) as { function_count: number };
    const slugs = await devServer.functionSlugs();
    expect(slugs.filter((s) => s.startsWith("aigency-"))).toHaveLength(introspection.function_count);
  });

  it("an event sent by the app's own API reaches the Dev Server with its payload", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "harness");
    const created = await app.request<{ project: { id: string; organizationId: string } }>("POST", "/api/projects", {
      name: "Harness bakery",
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty("warning");
    const { project } = created.body;

    const event = await devServer.waitForEvent("project/created", { projectId: project.id }, { since });
    expect(event.data).toMatchObject({ projectId: project.id, organizationId: project.organizationId, name: "Harness bakery" });
  });
});
