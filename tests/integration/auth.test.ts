import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { parseEnv } from "@/env";
import { authFor } from "@/server/auth/auth";
import { getViewer, requireViewer } from "@/server/auth/session";
import { memberships, organizations, users } from "@/server/db/schema";
import { setDeps } from "@/server/deps";
import { createServices } from "@/server/services";
import { createTestDb } from "../support/db";
import { cookieFrom, signUpTestUser } from "../support/viewers";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  setDeps({ db: handle.db, services: createServices({ env: parseEnv({}), db: handle.db }) });
});

afterAll(async () => {
  setDeps();
  await handle?.close();
});

describe("sign-up", () => {
  it("creates the user, their organization and an OWNER membership", async () => {
    const { userId } = await signUpTestUser(handle.db, { name: "Ada", email: "ada@example.test" });
    const [user] = await handle.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ name: "Ada", email: "ada@example.test" });
    const rows = await handle.db
      .select({ role: memberships.role, orgName: organizations.name })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, userId));
    expect(rows).toEqual([{ role: "OWNER", orgName: "Ada's agency" }]);
  });

  it("refuses a second account on the same email without creating another organization", async () => {
    const before = await handle.db.select().from(organizations);
    await expect(signUpTestUser(handle.db, { name: "Ada again", email: "ada@example.test" })).rejects.toMatchObject({
      statusCode: 422,
    });
    expect(await handle.db.select().from(organizations)).toHaveLength(before.length);
  });

  it("works over HTTP through the /api/auth route and sets a session cookie", async () => {
    const res = await authPost(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ name: "Grace", email: "grace@example.test", password: "correct horse battery" }),
      }),
    );
    expect(res.status).toBe(200);
    const viewer = await getViewer(new Headers({ cookie: cookieFrom(res.headers) }));
    expect(viewer).toMatchObject({ email: "grace@example.test", organizationName: "Grace's agency", role: "OWNER" });
  });
});

describe("sign-in and getViewer", () => {
  it("returns a session cookie that getViewer resolves to the user and their organization", async () => {
    const { userId } = await signUpTestUser(handle.db, { name: "Linus", email: "linus@example.test", password: "pa55word!" });
    const { headers } = await authFor(handle.db).api.signInEmail({
      body: { email: "linus@example.test", password: "pa55word!" },
      returnHeaders: true,
    });
    const cookie = cookieFrom(headers);
    expect(cookie).toMatch(/session_token=/);

    const viewer = await getViewer(new Headers({ cookie }));
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.userId, userId));
    expect(viewer).toEqual({
      userId,
      email: "linus@example.test",
      name: "Linus",
      organizationId: membership?.organizationId,
      organizationName: "Linus's agency",
      role: "OWNER",
    });
  });

  it("rejects a wrong password", async () => {
    await expect(
      authFor(handle.db).api.signInEmail({ body: { email: "linus@example.test", password: "wrong-password" } }),
    ).rejects.toMatchObject({ statusCode: 401 });
  });

  it("gives null without a session, or with a forged one, and requireViewer answers 401", async () => {
    expect(await getViewer(new Headers())).toBeNull();
    expect(await getViewer(new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
    const res = await requireViewer(new Headers());
    expect(res).toBeInstanceOf(NextResponse);
    expect((res as NextResponse).status).toBe(401);
  });

  it("provisions the organization on first use if sign-up stopped before creating it", async () => {
    const user = await signUpTestUser(handle.db, { name: "Orphan" });
    // Simulates a crash between the user commit and the organization commit.
    await handle.db.delete(memberships).where(eq(memberships.userId, user.userId));
    const viewer = await getViewer(new Headers({ cookie: user.cookie }));
    expect(viewer).toMatchObject({ userId: user.userId, organizationName: "Orphan's agency", role: "OWNER" });
    const again = await getViewer(new Headers({ cookie: user.cookie }));
    expect(again?.organizationId).toBe(viewer?.organizationId);
  });
});

