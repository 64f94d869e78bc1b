import { NextResponse } from "next/server";
import { inngest } from "@/inngest/client";
import { onboardingBriefExtracted } from "@/inngest/events";
import type { Viewer } from "@/server/auth/session";
import { jsonError } from "@/server/http";
import type { BriefSaveResult } from "@/server/onboarding/confirm";

/**
 * Answers a brief save and, after its transaction committed, emits `onboarding/brief.extracted`.
 * The event id is derived from the brief, so re-confirming (e.g. after a failed send) re-sends
 * the same event and Inngest starts no second run.
 */
export async function respondWithBrief(viewer: Viewer, result: BriefSaveResult, status: 200 | 201) {
  if (!result.ok) return jsonError(result.status, result.message);
  const { brief } = result;
  try {
    await inngest.send(
      onboardingBriefExtracted.create(
        {
          organizationId: viewer.organizationId,
          projectId: brief.projectId,
          briefId: brief.id,
          briefVersion: brief.version,
          userId: viewer.userId,
        },
        { id: `brief-extracted-${brief.id}` },
      ),
    );
  } catch (error) {
    console.error("onboarding/brief.extracted could not be sent", { briefId: brief.id, error: String(error) });
    return NextResponse.json(
      { brief, warning: "Brief saved, but the agency could not be notified. Confirm again to retry." },
      { status: 202 },
    );
  }
  return NextResponse.json({ brief, alreadyConfirmed: result.alreadyConfirmed }, { status: result.alreadyConfirmed ? 200 : status });
}
