import { NextResponse } from "next/server";
import { z } from "zod";
import { getDeps } from "@/server/deps";
import { badRequest, fieldErrors, notFound } from "@/server/http";
import { listSimulatedObjects } from "@/server/services/facebook";

const query = z.object({ adAccountId: z.string().regex(/^act_\d+$/, "must be act_<digits>") });

/** Dev-only window into the simulated ad account; absent (404) whenever the real Graph API is in use. */
export async function GET(req: Request) {
  const { db, services } = await getDeps();
  if (services.facebook.kind !== "simulated") return notFound();
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  const objects = await listSimulatedObjects(db, parsed.data.adAccountId);
  return NextResponse.json({ simulated: true, objects });
}
