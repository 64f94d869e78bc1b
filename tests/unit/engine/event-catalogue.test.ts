import { describe, expect, it } from "vitest";
import * as events from "@/inngest/events";

const tenant = { organizationId: "org_1", projectId: "p_1" };

describe("event catalogue", () => {
  it("declares every event of the core loop with a domain/object.past-verb name", () => {
    const names: string[] = Object.values(events as Record<string, unknown>)
      .filter((v): v is { name: string } => typeof v === "object" && v !== null && "name" in v)
      .map((e) => e.name);
    for (const name of [
      "project/created",
      "onboarding/message.sent",
      "onboarding/brief.extracted",
      "facebook/account.connected",
      "campaign/plan.generated",
      "campaign/plan.approved",
      "campaign/plan.changes-requested",
      "campaign/deployed",
      "campaign/deploy.failed",
      "notification/created",
    ]) {
      expect(names).toContain(name);
    }
    for (const name of names) expect(name).toMatch(/^[a-z]+\/[a-z-]+(\.[a-z-]+)?$/);
  });

  it("builds a valid payload into a typed event", () => {
    const evt = events.campaignPlanApproved.create({ ...tenant, campaignId: "c_1", version: 1, approvedBy: "u_1" });
    expect(evt.name).toBe("campaign/plan.approved");
    expect(evt.data.campaignId).toBe("c_1");
  });

  it("rejects a payload with a wrong field before it reaches the engine, naming the field", async () => {
    const schema = events.campaignPlanChangesRequested.schema!;
    const result = await schema["~standard"].validate({ ...tenant, campaignId: "c_1", version: 0, requestedBy: "u", feedback: "" });
    expect(result.issues?.map((i) => i.path?.map((p) => (typeof p === "object" ? p.key : p)).join("."))).toEqual(
      expect.arrayContaining(["version", "feedback"]),
    );
    const badAccount = await events.facebookAccountConnected.schema!["~standard"].validate({
      organizationId: "o",
      connectionId: "c",
      userId: "u",
      adAccountId: "12345",
    });
    expect(badAccount.issues?.[0]?.path?.[0]).toBe("adAccountId");
  });
});
