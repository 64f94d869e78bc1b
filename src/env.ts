import { z } from "zod";

/**
 * Every variable the product reads, validated once. A missing optional variable selects the
 * embedded implementation of its service; a present but malformed one stops startup and names
 * the variable, because silently falling back to a simulation would hide a misconfiguration.
 */
const optionalUrl = z.url().optional();
const optionalSecret = z.string().min(1).optional();
/** A 5-field cron, optionally "TZ=<zone> " first; the default doubles as the example in the error. */
const cronExpression = (fallback: string) =>
  z
    .string()
    .regex(/^(TZ=[\w/+-]+ )?[\d*/,-]+( [\d*/,A-Za-z-]+){4}$/, `must be a 5-field cron expression such as "${fallback}"`)
    .default(fallback);

const KEY_ID = /^[\w.-]+$/;
const isKeyList = (value: string) => {
  const ids = value.split(",").map((entry) => {
    const [id, key, extra] = entry.trim().split(":");
    const ok = id && KEY_ID.test(id) && key && extra === undefined && Buffer.from(key, "base64").length === 32;
    return ok ? id : null;
  });
  return ids.every(Boolean) && new Set(ids).size === ids.length;
};

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Set by Next while it builds; runtime secrets are checked when the server starts, not at build.
    NEXT_PHASE: z.string().optional(),
    // "1" only in the e2e harness: enables fault injection and the mailbox under `next start`.
    AIGENCY_TEST_CONTROLS: z.enum(["0", "1"]).optional(),
    APP_URL: z.url().default("http://localhost:3000"),
    DATA_DIR: z.string().min(1).default(".data"),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),

    BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // Signs local storage URLs and OAuth state; derived from the auth secret when unset.
    APP_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // 32-byte key, base64, for AES-256-GCM token encryption at rest.
    ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")
      .optional(),
    ENCRYPTION_KEY_ID: z.string().regex(KEY_ID, "must be letters, digits, . _ or -").default("k1"),
    // Retired keys that still decrypt after a rotation: `id1:base64,id2:base64`.
    ENCRYPTION_KEYS: z
      .string()
      .refine(isKeyList, "must be comma-separated id:base64 pairs of 32-byte keys with distinct ids")
      .optional(),

    INNGEST_DEV: z.string().optional(),
    INNGEST_BASE_URL: optionalUrl,
    INNGEST_EVENT_KEY: optionalSecret,
    INNGEST_SIGNING_KEY: optionalSecret,

    ANTHROPIC_API_KEY: optionalSecret,
    ANTHROPIC_BASE_URL: optionalUrl,
    ANTHROPIC_MODEL_CHAT: z.string().min(1).default("claude-haiku-5-5"),
    ANTHROPIC_MODEL_PLANNER: z.string().min(1).default("claude-sonnet-5-5"),

    SUPABASE_URL: optionalUrl,
    SUPABASE_SERVICE_ROLE_KEY: optionalSecret,
    SUPABASE_BUCKET: z.string().min(1).default("artifacts"),

    DAYTONA_API_KEY: optionalSecret,
    DAYTONA_API_URL: z.url().default("https://app.daytona.io/api"),
    DAYTONA_SNAPSHOT: z.string().min(1).optional(),
    // When the pre-built sandbox templates (agent bundle deps, app starter) are refreshed.
    SANDBOX_REFRESH_CRON: cronExpression("*/30 * * * *"),
    // Who hears about operational failures (a template refresh that failed its last attempt): comma-separated.
    OPERATOR_EMAILS: z
      .string()
      .refine((v) => v.split(",").every((e) => z.email().safeParse(e.trim()).success), "must be comma-separated email addresses")
      .default("operators@aigency.local"),

    // App generation: page agents run at most this many at once per job (plan 004: 4, never above 6).
    APPGEN_PAGE_PARALLELISM: z.coerce.number().int("must be a whole number").min(1).max(6, "the hard maximum is 6").default(4),
    // The whole job's limit (plan 004: 45 minutes); commands are cut to the time left.
    APPGEN_JOB_MINUTES: z.coerce.number().min(1).max(180).default(45),
    // When old artifacts (beyond the newest 5 per project) and stale sandboxes are removed.
    APPGEN_RETENTION_CRON: cronExpression("17 * * * *"),
    // Where `npm install` inside a local sandbox keeps its download cache (shared across jobs to keep installs fast).
    APPGEN_NPM_CACHE_DIR: z.string().min(1).optional(),

    // Agent tasks: jobs running at once per organization (plan 003: 5) and across all organizations.
    AGENT_MAX_CONCURRENCY: z.coerce.number().int("must be a whole number").min(1).max(100).default(5),
    AGENT_GLOBAL_CONCURRENCY: z.coerce.number().int("must be a whole number").min(1).max(1000).default(20),
    // A job's time limit, in minutes.
    AGENT_JOB_TIMEOUT_MINUTES: z.coerce.number().min(1).max(120).default(15),
    // When the weekly feedback → improvement analysis runs (the last complete ISO week): Mondays 06:00 UTC by default.
    AGENT_IMPROVEMENTS_CRON: cronExpression("0 6 * * 1"),
    // The GitHub-issues webhook's shared secret (X-Hub-Signature-256); unset = the GitHub source is off.
    GITHUB_WEBHOOK_SECRET: optionalSecret,

    RESEND_API_KEY: z.string().startsWith("re_", "must start with re_").optional(),
    RESEND_BASE_URL: optionalUrl,
    MAIL_FROM: z.string().min(3).default("Aigency <agency@aigency.local>"),

    FACEBOOK_APP_ID: optionalSecret,
    FACEBOOK_APP_SECRET: optionalSecret,
    FACEBOOK_GRAPH_URL: z.url().default("https://graph.facebook.com"),
    FACEBOOK_WEBHOOK_VERIFY_TOKEN: optionalSecret,

    // How long a campaign plan waits for approval: a reminder email after the first, expiry after the second.
    PLAN_REMINDER_AFTER: z.string().regex(/^\d+[smhd]$/, "must look like 30s, 10m, 2h or 2d").default("2d"),
    PLAN_APPROVAL_TIMEOUT: z.string().regex(/^\d+[smhd]$/, "must look like 30s, 10m, 2h or 3d").default("3d"),
    // When performance snapshots are pulled for every live campaign: a 5-field cron, optionally "TZ=<zone> " first.
    MONITOR_CRON: cronExpression("0 */4 * * *"),
    // When the weekly reports are built for every live campaign (its last complete week): Mondays 07:00 UTC by default.
    REPORT_CRON: cronExpression("0 7 * * 1"),
    // How long an optimisation proposal waits for the owner: a reminder after the first, expiry after the second.
    OPTIMIZATION_REMINDER_AFTER: z.string().regex(/^\d+[smhd]$/, "must look like 30s, 10m, 2h or 2d").default("24h"),
    OPTIMIZATION_APPROVAL_TIMEOUT: z.string().regex(/^\d+[smhd]$/, "must look like 30s, 10m, 2h or 3d").default("72h"),
    // The simulated ad account flags an ad in review on about one delivery day in N (0: never), by webhook.
    SIMULATED_REVIEW_ONE_DAY_IN: z.coerce.number().int("must be a whole number").min(0).max(10_000).default(25),
  })
  .superRefine((env, ctx) => {
    // Pairs that only make sense together: half a configuration is an error, not "embedded".
    const pairs: [keyof typeof env, keyof typeof env][] = [
      ["SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY"],
      ["FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET"],
    ];
    for (const [a, b] of pairs) {
      if (Boolean(env[a]) !== Boolean(env[b])) {
        const missing = env[a] ? b : a;
        ctx.addIssue({ code: "custom", path: [missing], message: `is required when ${env[a] ? a : b} is set` });
      }
    }
    const building = env.NEXT_PHASE === "phase-production-build";
    // INNGEST_DEV makes the serve route skip request signing: anyone could invoke our functions.
    // Only the e2e harness (a production build against the Dev Server) may combine the two.
    if (env.NODE_ENV === "production" && !building && isInngestDev(env.INNGEST_DEV) && env.AIGENCY_TEST_CONTROLS !== "1") {
      ctx.addIssue({ code: "custom", path: ["INNGEST_DEV"], message: "must not be set in production: it turns off Inngest request signing" });
    }
    if (env.NODE_ENV === "production" && !building && !isInngestDev(env.INNGEST_DEV)) {
      for (const key of ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "BETTER_AUTH_SECRET"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required in production" });
      }
    }
    // Facebook tokens are stored encrypted: production never falls back to a key made up on the spot.
    if (env.NODE_ENV === "production" && !building && !env.ENCRYPTION_KEY) {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEY"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export function isInngestDev(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

export class EnvError extends Error {
  constructor(readonly variables: string[], detail: string) {
    super(`Invalid environment: ${detail}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (an .env line like `ANTHROPIC_API_KEY=`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ name: i.path.join("."), message: i.message }));
    throw new EnvError(
      issues.map((i) => i.name),
      issues.map((i) => `${i.name} ${i.message}`).join("; "),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, parsed once. Tests call `resetEnv()` after changing process.env. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function resetEnv(): void {
  cached = undefined;
}

/**
 * Dev and test controls (the mailbox, the simulated clock, a sweep on demand): never in production,
 * except under the e2e harness (a production build with AIGENCY_TEST_CONTROLS=1).
 */
export function devControlsEnabled(e: { NODE_ENV?: string; AIGENCY_TEST_CONTROLS?: string }): boolean {
  return e.NODE_ENV !== "production" || e.AIGENCY_TEST_CONTROLS === "1";
}
