import { describe, expect, inject, it } from "vitest";
import { signedInClient } from "./support/app-api";
import { DevServer } from "./support/dev-server-api";

const devServer = new DevServer(inject("devServerUrl"));

describe("invalid payloads stop at the API", () => {
  it("answers 4xx naming the field and starts no event or run", async () => {
    const since = new Date(Date.now() - 1_000);
    const app = await signedInClient(inject("appUrl"), "invalid");
    const { body } = await app.request<{ project: { id: string } }>("POST", "/api/projects", { name: "Valid project" });
    const projectId = body.project.id;

    const emptyMessage = await app.request<{ error: string }>("POST", `/api/projects/${projectId}/conversation`, { content: 42 });
    expect(emptyMessage.status).toBe(400);
    expect(emptyMessage.body.error).toMatch(/^content/);

    const badBrief = await app.request<{ error: string }>("POST", `/api/projects/${projectId}/brief/confirm`, {
      conversationId: "x",
      brief: { goal: "FAME" },
    });
    expect(badBrief.status).toBe(400);
    expect(badBrief.body.error).toMatch(/^brief\./);

    const notJson = await app.request<{ error: string }>("POST", "/api/projects", "{not json");
    expect(notJson.status).toBe(400);

    // Give the engine time to show anything that was (wrongly) sent, then check nothing was.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const name of ["onboarding/message.sent", "onboarding/brief.extracted"]) {
      const events = (await devServer.listEvents(name, since)).filter((e) => e.data.projectId === projectId);
      expect(events, name).toEqual([]);
    }
  });
});
