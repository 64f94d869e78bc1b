import { asc, eq } from "drizzle-orm";
import type { Db } from "@/server/db";
import { memberships, organizations } from "@/server/db/schema";

export type MembershipRole = (typeof memberships.$inferSelect)["role"];

export interface OrgMembership {
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
}

/** The user's organization: the oldest membership wins, so the answer is stable. */
export async function findMembership(db: Db, userId: string): Promise<OrgMembership | null> {
  const [row] = await db
    .select({ organizationId: organizations.id, organizationName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

export function agencyName(userName: string, email: string): string {
  const who = userName.trim() || email.split("@")[0] || "My";
  return `${who}'s agency`;
}

/**
 * Gives a user their own organization with an OWNER membership, in one transaction so an org is
 * never left without its owner. Idempotent: a user who already belongs somewhere is left alone,
 * which lets sign-up and the session lookup both call it safely. When both run at once for a new
 * user, the unique `createdForUserId` lets one insert win; the others join the winner's organization.
 */
export async function provisionOrganization(
  db: Db,
  user: { id: string; name: string; email: string },
): Promise<OrgMembership> {
  const existing = await findMembership(db, user.id);
  if (existing) return existing;
  const created = await db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ name: agencyName(user.name, user.email), createdForUserId: user.id })
      .onConflictDoNothing({ target: organizations.createdForUserId })
      .returning();
    if (!org) return null;
    await tx.insert(memberships).values({ organizationId: org.id, userId: user.id, role: "OWNER" });
    return { organizationId: org.id, organizationName: org.name, role: "OWNER" as const };
  });
  if (created) return created;
  // Another call created it; its membership may have been removed since: give it back.
  const [own] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.createdForUserId, user.id));
  if (own) {
    await db.insert(memberships).values({ organizationId: own.id, userId: user.id, role: "OWNER" }).onConflictDoNothing();
  }
  const winner = await findMembership(db, user.id);
  if (!winner) throw new Error(`Organization for user ${user.id} was created concurrently but cannot be found`);
  return winner;
}
