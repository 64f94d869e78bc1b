import type { Deps } from "@/server/deps";
import { getActiveConnection } from "@/server/facebook/connections";
import type { GeoTarget } from "./geo-target";
import { resolveBriefLocation } from "./resolve-location";

/** Resolves a brief's location with the planning connection's token (Graph search needs one). */
export async function resolveTargetPlaces(
  deps: Pick<Deps, "db" | "services">,
  opts: { organizationId: string; userId: string; location: string },
): Promise<GeoTarget | null> {
  const connection = await getActiveConnection(deps.db, { organizationId: opts.organizationId, userId: opts.userId });
  return resolveBriefLocation({ platform: deps.services.facebook, accessToken: connection?.accessToken, location: opts.location });
}
