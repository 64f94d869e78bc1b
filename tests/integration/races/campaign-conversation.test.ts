import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCampaignConversation } from "@/server/campaigns/records";
import { conversations } from "@/server/db/schema";
import { createTestDb } from "../../support/db";
import { seedMember } from "../onboarding/support";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

const campaignConversations = (projectId: string) =>
  handle.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.projectId, projectId), eq(conversations.type, "CAMPAIGN")));

describe("ensureCampaignConversation", () => {
  it("gives every concurrent caller the same single conversation", async () => {
    const member = await seedMember(handle.db, "Racer");
    const opts = { organizationId: member.organizationId, projectId: member.projectId };
    const ids = await Promise.all(Array.from({ length: 6 }, () => ensureCampaignConversation(handle.db, opts)));
    const rows = await campaignConversations(member.projectId);
    expect(rows).toHaveLength(1);
    expect(new Set(ids)).toEqual(new Set([rows[0]!.id]));
  });

  it("racing inside transactions (as save-plan calls it) still leaves one", async () => {
    const member = await seedMember(handle.db, "Tx racer");
    const opts = { organizationId: member.organizationId, projectId: member.projectId };
    const ids = await Promise.all(
      Array.from({ length: 4 }, () => handle.db.transaction((tx) => ensureCampaignConversation(tx, opts))),
    );
    expect(await campaignConversations(member.projectId)).toHaveLength(1);
    expect(new Set(ids).size).toBe(1);
  });

  it("opens a new one once the old one is archived", async () => {
    const member = await seedMember(handle.db, "Archiver");
    const opts = { organizationId: member.organizationId, projectId: member.projectId };
    const first = await ensureCampaignConversation(handle.db, opts);
    await handle.db.update(conversations).set({ status: "ARCHIVED" }).where(eq(conversations.id, first));
    const second = await ensureCampaignConversation(handle.db, opts);
    expect(second).not.toBe(first);
    expect(await campaignConversations(member.projectId)).toHaveLength(2);
  });
});
