import { eventType } from "inngest";
import { z } from "zod";
import { id, tenant } from "./shared";

const version = { ...tenant, sessionId: id, versionId: id };

/**
 * A version to generate: v1 when a session is created, v(n+1) on every resume with feedback. The
 * function runs one per session at a time, so a rapid second resume waits behind the first.
 */
export const creativeGenerationRequested = eventType("creative/generation.requested", {
  schema: z.object(version),
});

export const creativeVersionCompleted = eventType("creative/version.completed", {
  schema: z.object({ ...version, version: z.number().int().positive() }),
});

export const creativeVersionFailed = eventType("creative/version.failed", {
  schema: z.object({ ...version, version: z.number().int().positive(), error: z.string() }),
});

/** The owner (or a test) stops a running version; its run is cancelled and its sandbox deleted. */
export const creativeVersionCancelRequested = eventType("creative/version.cancel-requested", {
  schema: z.object(version),
});
