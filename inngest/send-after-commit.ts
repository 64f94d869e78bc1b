import { inngest } from "./client";

type Payload = Parameters<typeof inngest.send>[0];

/**
 * Sends the event(s) that follow a write which has already committed. The write stands either
 * way, so a failed send must not turn into a 500 that makes the user retry the write: it is
 * logged (the event name only, never the payload) and reported, and the route tells the user how
 * to retry. Every caller passes a deterministic event id, so a retry cannot start a second run.
 */
export async function sendAfterCommit(payload: Payload): Promise<{ sent: boolean }> {
  try {
    await inngest.send(payload);
    return { sent: true };
  } catch (error) {
    const names = (Array.isArray(payload) ? payload : [payload]).map((e) => e.name).join(", ");
    console.error(`Could not send ${names} to the engine`, {
      error: error instanceof Error ? error.message : String(error),
    });
    return { sent: false };
  }
}
