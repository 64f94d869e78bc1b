import { and, eq } from "drizzle-orm";
import { env } from "@/env";
import type { Deps } from "@/server/deps";
import { campaignRecords, facebookConnections } from "@/server/db/schema";
import { accountToday } from "@/server/performance/account-clock";
import { accountDay } from "@/server/performance/account-time";
import { SIMULATED_PAGE } from "@/server/services/facebook/simulated";
import { webhookAppSecret } from "./app-secret";
import { DeliveryRefusedError, postSignedDelivery } from "./post-delivery";
import { deliveryDays, simulatedDeliveries, type SimulatedCampaign } from "./simulated-deliveries";
import type { WebhookBody } from "./sample-deliveries";

/** A deployed campaign of a simulated account, as the simulated account's webhooks need it; null otherwise. */
export async function loadSimulatedCampaign(deps: Pick<Deps, "db" | "services">, campaignId: string): Promise<SimulatedCampaign | null> {
  if (deps.services.facebook.kind !== "simulated") return null;
  const [row] = await deps.db
    .select({ record: campaignRecords, pageId: facebookConnections.pageId })
    .from(campaignRecords)
    .leftJoin(
      facebookConnections,
      and(eq(facebookConnections.organizationId, campaignRecords.organizationId), eq(facebookConnections.userId, campaignRecords.connectionUserId)),
    )
    .where(eq(campaignRecords.id, campaignId));
  const r = row?.record;
  if (!r?.adAccountId || !r.activatedAt) return null;
  const { timeZone } = await accountToday(deps, r.adAccountId);
  return {
    id: r.id,
    objective: String((r.structure as { objective?: unknown } | null)?.objective ?? ""),
    adAccountId: r.adAccountId,
    adIds: r.fbAdIds,
    adSetIds: r.fbAdSetIds,
    pageId: row?.pageId ?? SIMULATED_PAGE.id,
    activationDay: accountDay(r.activatedAt, timeZone),
  };
}

/** Signs and posts bodies to this installation's own endpoint; anything but a 200 fails the step, so the engine retries as Facebook would. */
export async function postToOwnEndpoint(bodies: WebhookBody[], opts: { fetch?: typeof fetch } = {}) {
  const e = env();
  const secret = webhookAppSecret(e);
  let changes = 0;
  for (const body of bodies) {
    const posted = await postSignedDelivery({ appUrl: e.APP_URL, body, secret, fetch: opts.fetch });
    if (posted.status !== 200) throw new DeliveryRefusedError(posted.status);
    changes += posted.changes;
  }
  return { deliveries: bodies.length, changes };
}

/** What the simulated account reports by webhook after a pull: the campaign's complete days, each drawn the same way every time. */
export async function deliverSimulatedWebhooks(deps: Pick<Deps, "db" | "services">, campaignId: string, opts: { fetch?: typeof fetch } = {}) {
  const campaign = await loadSimulatedCampaign(deps, campaignId);
  if (!campaign) return { deliveries: 0, changes: 0, skipped: "not a deployed campaign of a simulated account" };
  const { date: today } = await accountToday(deps, campaign.adAccountId);
  const bodies = simulatedDeliveries(campaign, deliveryDays({ activationDay: campaign.activationDay, today }), {
    reviewOneDayIn: env().SIMULATED_REVIEW_ONE_DAY_IN,
  });
  return postToOwnEndpoint(bodies, opts);
}
