import { NextResponse } from "next/server";
import { env } from "@/env";
import { describeAuth } from "@/server/auth/describe";
import { describeServices } from "@/server/services";

export const dynamic = "force-dynamic";

/** Which implementation each service runs on: names and non-sensitive detail only, never secrets. */
export function GET() {
  const e = env();
  const services = describeServices(e);
  return NextResponse.json({
    services,
    anySimulated: services.some((s) => s.simulated),
    auth: describeAuth(e),
  });
}
