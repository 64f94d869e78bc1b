import { NextResponse } from "next/server";
import { env } from "@/env";
import { getDeps } from "@/server/deps";
import { notFound, parseJsonBody } from "@/server/http";
import { addSimulatedFault, simulatedFaultInput } from "@/server/services/facebook";

/** Queues a Graph error in the simulated account; exists only in simulated mode with test controls on. */
export async function POST(req: Request) {
  if (env().AIGENCY_TEST_CONTROLS !== "1") return notFound();
  const { db, services } = await getDeps();
  if (services.facebook.kind !== "simulated") return notFound();
  const body = await parseJsonBody(req, simulatedFaultInput);
  if (!body.ok) return body.response;
  const fault = await addSimulatedFault(db, body.data);
  return NextResponse.json({ fault }, { status: 201 });
}
