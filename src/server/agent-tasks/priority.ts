/**
 * Inngest's `priority.run` (seconds, -600..600): a higher value starts sooner when the organization's
 * slots are all taken, as if it had been sent that many seconds earlier. Never negative: the engine
 * delays a negative-priority run by that many seconds even on an idle system (seen on the Dev Server:
 * a LOW task at -300 waited five minutes behind nothing), so LOW is 0 and the others rank above it.
 */
export const PRIORITY_SECONDS = { CRITICAL: 600, HIGH: 400, MEDIUM: 200, LOW: 0 } as const;
export type IssuePriority = keyof typeof PRIORITY_SECONDS;
