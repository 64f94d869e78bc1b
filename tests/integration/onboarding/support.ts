import { vi } from "vitest";
import { parseEnv } from "@/env";
import { inngest } from "@/inngest/client";
import { findMembership } from "@/server/auth/organization";
import type { Db } from "@/server/db";
import { projects } from "@/server/db/schema";
import type { Deps } from "@/server/deps";
import { createServices } from "@/server/services";
import { signUpTestUser, type TestUser } from "../../support/viewers";

export interface Member extends TestUser {
  organizationId: string;
  projectId: string;
}

/** A signed-up user (own organization) with one project. */
export async function seedMember(db: Db, name: string): Promise<Member> {
  const user = await signUpTestUser(db, { name });
  const organizationId = (await findMembership(db, user.userId))!.organizationId;
  const [project] = await db.insert(projects).values({ organizationId, name: `${name}'s shop`, createdById: user.userId }).returning();
  return { ...user, organizationId, projectId: project!.id };
}

/** Embedded services (offline model, simulated Facebook, outbox mail) on the test database. */
export function embeddedDeps(db: Db): Deps {
  return { db, services: createServices({ env: parseEnv({ NODE_ENV: "test" }), db }) };
}

/** Records what routes send to the engine instead of posting to a Dev Server. */
export function captureSends() {
  const sent: { name: string; id?: string; data: Record<string, unknown> }[] = [];
  vi.spyOn(inngest, "send").mockImplementation(async (payload: unknown) => {
    for (const e of [payload].flat() as { name: string; id?: string; data: Record<string, unknown> }[]) {
      sent.push({ name: e.name, id: e.id, data: e.data });
    }
    return { ids: sent.map((_, i) => `evt-${i}`) };
  });
  return sent;
}

export const projectParams = (projectId: string) => ({ params: Promise.resolve({ projectId }) });

export const SAMPLE_BRIEF = {
  businessDescription: "A small candle workshop in Portland",
  product: "Hand-poured soy candles",
  targetAudience: "Women 25-45 who like home decor",
  goal: "SALES",
  monthlyBudgetCents: 60_000,
  budgetCurrency: "USD",
  location: "Oregon and Washington",
  uniqueSellingPoint: "Made by hand from local wax",
  websiteUrl: "https://candles.example",
} as const;
