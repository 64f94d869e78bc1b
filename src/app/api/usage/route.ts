import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { parseQuery } from "@/server/http/parse-input";
import { currentMonth, loadBudgetState } from "@/server/usage/budget";
import { loadMonthUsage } from "@/server/usage/month-view";

const Query = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
    .optional(),
});

/** The viewer's organization's usage and budget state for one UTC month (default: this one); never another organization's. */
export async function GET(req: Request) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const query = parseQuery(req, Query);
  if (!query.ok) return query.response;
  const { db } = await getDeps();
  const scope = { organizationId: viewer.organizationId, month: query.data.month ?? currentMonth() };
  const [usage, budget] = await Promise.all([loadMonthUsage(db, scope), loadBudgetState(db, scope)]);
  return NextResponse.json({ ...usage, budget, canSetBudget: viewer.role === "OWNER" });
}
