import { NextResponse } from "next/server";
import { env } from "@/env";
import { checkHealth } from "@/server/agent-tasks/health";
import { getDeps } from "@/server/deps";

export const dynamic = "force-dynamic";

/** 200 when the agents can take work, 503 naming the failing checks. No sign-in: it says nothing tenant-specific. */
export async function GET() {
  let db;
  try {
    ({ db } = await getDeps());
  } catch {
    return NextResponse.json({ status: "unhealthy", checks: { database: { ok: false, detail: "could not connect" } } }, { status: 503 });
  }
  const report = await checkHealth({ db, env: env(), now: new Date() });
  return NextResponse.json(report, { status: report.status === "healthy" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
