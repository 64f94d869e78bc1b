/**
 * Inngest's `priority.run` (seconds, -600..600): a higher value starts sooner when the organization's
 * slots are all taken. CRITICAL jumps a 10-minute backlog; LOW waits behind everything queued within 5 minutes.
 */
export const PRIORITY_SECONDS = { CRITICAL: 600, HIGH: 300, MEDIUM: 0, LOW: -300 } as const;
export type IssuePriority = keyof typeof PRIORITY_SECONDS;
