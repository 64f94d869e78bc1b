/**
 * The one queue every snapshot build waits in (the build function and each template refresh): a build
 * retires the kind's previous ACTIVE snapshot, so two at once could each retire the other's.
 */
export const SANDBOX_BUILD_CONCURRENCY = { key: `"sandbox-build"`, scope: "env", limit: 1 } as const;
