import type { usageKind } from "@/server/db/schema/usage";

export type UsageKind = (typeof usageKind.enumValues)[number];
