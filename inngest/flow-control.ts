/**
 * One queue per Facebook ad account, shared by every function that writes to it (deploy and cleanup).
 * Concurrency is per function unless scoped: `scope: "env"` makes runs of both functions with the same
 * evaluated key count against one limit, so a cleanup never deletes while a deploy of that account is
 * creating. The prefix keeps this key apart from any other env-wide key.
 */
export const AD_ACCOUNT_CONCURRENCY = {
  key: `"facebook-ad-account:" + event.data.adAccountId`,
  scope: "env",
  limit: 1,
} as const;
