import { NextResponse } from "next/server";
import { z } from "zod";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { forbidden, parseJsonBody, refuseCrossSite } from "@/server/http";
import { setUsageBudget } from "@/server/usage/budget";
import { checkBudgetAndWarn } from "@/server/usage/budget-warning";

const budgetBody = z.strictObject({
  monthlyBudgetUsd: z
    .number("must be a number of dollars")
    .positive("must be more than 0")
    .max(1_000_000, "must be at most 1,000,000")
});

/** Sets the organization's monthly budget for the agency's own costs (owners only); answers the month's budget state. */
export async function PUT(req: Request) {
  const crossSite = refuseCrossSite(req);
  if (crossSite) return crossSite;
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const body = await parseJsonBody(req, budgetBody);
  if (!body.ok) return body.response;
  if (viewer.role !== "OWNER") return forbidden("Only the organization's owner can set its usage budget");
  const deps = await getDeps();
  await setUsageBudget(deps.db, { organizationId: viewer.organizationId, monthlyBudgetMicroUsd: Math.round(body.data.monthlyBudgetUsd * 1_000_000) });
  // A budget set below what the month already spent warns now, not at the next generation.
  const budget = await checkBudgetAndWarn(deps, { organizationId: viewer.organizationId });
  return NextResponse.json({ budget });
}
