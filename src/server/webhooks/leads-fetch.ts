import { desc, eq } from "drizzle-orm";
import type { Deps } from "@/server/deps";
import { facebookConnections } from "@/server/db/schema";
import { decryptConnectionToken, markConnectionNeedsReconnect, type FacebookConnection } from "@/server/facebook/connections";
import { GraphApiError, type Lead } from "@/server/services/facebook/types";
import type { LeadMatch } from "./leads-match";

type Matched = Extract<LeadMatch, { match: "MATCHED" }>;

export interface LeadRead {
  lead: Lead | null;
  /** Why the answers are missing, in words for the owner; null when they were read. */
  missing: string | null;
  /** Graph says the lead does not exist (deleted since): nothing to tell the owner. */
  deleted: boolean;
  /** The connection used (or that would have been): its ad account gives the day, its project the link. */
  connection: Pick<FacebookConnection, "adAccountId" | "projectId" | "simulated"> | null;
}

const NO_LOGIN = "the Facebook login is not connected or has expired; reconnect Facebook so the agency can read new leads";

/** Graph's answer for an object that is gone (a deleted lead) or was never there. */
export const isMissingObject = (e: GraphApiError) => e.details.code === 100 && e.details.subcode === 33;

/** The campaign's own login first, else another ACTIVE login of the organization that connected this page. */
async function findReader(deps: Deps, match: Matched, pageId: string): Promise<FacebookConnection | null> {
  const rows = await deps.db
    .select()
    .from(facebookConnections)
    .where(eq(facebookConnections.organizationId, match.organizationId))
    .orderBy(desc(facebookConnections.lastRefreshedAt));
  const own = rows.find((r) => r.userId === match.connectionUserId);
  if (own?.status === "ACTIVE") return own;
  return rows.find((r) => r.status === "ACTIVE" && r.pageId === pageId) ?? own ?? null;
}

/**
 * Reads the lead's answers with the organization's own token. The token lives only inside this
 * call: it is never returned, logged, or put in an error. Throttles and transient failures throw
 * (the step retries); a deleted lead, a refused login or a refusal are answers with a reason.
 */
export async function readLead(
  deps: Deps,
  input: { match: Matched; leadgenId: string; pageId: string; now: Date; givenUp?: string },
): Promise<LeadRead> {
  const row = await findReader(deps, input.match, input.pageId);
  const connection = row ? { adAccountId: row.adAccountId, projectId: row.projectId, simulated: row.simulated } : null;
  // Every retry failed: keep the lead without its answers rather than lose it.
  if (input.givenUp) return { lead: null, missing: input.givenUp, deleted: false, connection };
  if (row?.status !== "ACTIVE") return { lead: null, missing: NO_LOGIN, deleted: false, connection };
  try {
    const lead = await deps.services.facebook.getLead(decryptConnectionToken(row), input.leadgenId);
    return { lead, missing: null, deleted: false, connection };
  } catch (error) {
    if (!(error instanceof GraphApiError) || error.kind === "rate-limit" || error.kind === "transient") throw error;
    if (isMissingObject(error)) return { lead: null, missing: "Facebook no longer has this lead (it was deleted)", deleted: true, connection };
    if (error.kind === "auth") {
      await markConnectionNeedsReconnect(deps.db, { organizationId: row.organizationId, userId: row.userId, seenAt: input.now });
      return { lead: null, missing: NO_LOGIN, deleted: false, connection };
    }
    const why = error.details.userMessage ?? "the login may lack the permission to read leads";
    return { lead: null, missing: `Facebook did not let the agency read it (${why})`, deleted: false, connection };
  }
}

