import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { parseQuery } from "@/server/http/parse-input";
import { loadMonthUsage } from "@/server/usage/month-view";

const Query = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
    .optional(),
});

const currentMonth = () => new Date().toISOString().slice(0, 7);

/** The viewer's organization's usage for one UTC month (default: this one); never another organization's. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const query = parseQuery(req, Query);
  if (!query.ok) return query.response;
  const { db } = await getDeps();
  const usage = await loadMonthUsage(db, { organizationId: viewer.organizationId, month: query.data.month ?? currentMonth() });
  return NextResponse.json(usage);
}
