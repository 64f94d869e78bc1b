import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionOrganization } from "@/server/auth/organization";
import { memberships, organizations, users } from "@/server/db/schema";
import { createTestDb } from "../../support/db";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

describe("first sign-in", () => {
  it("creates one organization when sign-up and the session lookup provision it at the same time", async () => {
    const [user] = await handle.db.insert(users).values({ name: "Grace", email: "grace@example.test" }).returning();
    const racers = Array.from({ length: 6 }, () => provisionOrganization(handle.db, user!));
    const results = await Promise.all(racers);

    const owned = await handle.db.select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(owned).toHaveLength(1);
    expect(await handle.db.select().from(organizations)).toHaveLength(1);
    expect(new Set(results.map((r) => r.organizationId))).toEqual(new Set([owned[0]!.organizationId]));
    expect(results.every((r) => r.role === "OWNER" && r.organizationName === "Grace's agency")).toBe(true);
  });
});
