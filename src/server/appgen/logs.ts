import { desc, eq } from "drizzle-orm";
import { env } from "@/env";
import type { Db } from "@/server/db";
import { appGenerationLogs, type AppJobStage } from "@/server/db/schema/appgen";
import { redact } from "@/server/redact";

const MESSAGE_MAX = 8000;

/** The configured secrets: any of them appearing in a log line is blanked, whatever printed it. */
export function configuredSecrets(): string[] {
  const e = env();
  return [e.ANTHROPIC_API_KEY, e.DAYTONA_API_KEY, e.SUPABASE_SERVICE_ROLE_KEY, e.RESEND_API_KEY, e.FACEBOOK_APP_SECRET, e.INNGEST_SIGNING_KEY, e.INNGEST_EVENT_KEY].filter(
    (s): s is string => typeof s === "string" && s.length > 0,
  );
}

export interface JobLogLine {
  organizationId: string;
  jobId: string;
  stage: AppJobStage;
  taskKey?: string | null;
  level?: "info" | "warn" | "error";
  message: string;
}

/** Appends redacted lines to the job's log; the message is cut to a readable size after redaction. */
export async function appendJobLog(db: Db, lines: JobLogLine | JobLogLine[]): Promise<void> {
  const list = Array.isArray(lines) ? lines : [lines];
  if (list.length === 0) return;
  const secrets = configuredSecrets();
  await db.insert(appGenerationLogs).values(
    list.map((l) => {
      const clean = redact(l.message, secrets);
      return {
        organizationId: l.organizationId,
        jobId: l.jobId,
        stage: l.stage,
        taskKey: l.taskKey ?? null,
        level: l.level ?? "info",
        message: clean.length > MESSAGE_MAX ? `${clean.slice(0, MESSAGE_MAX)}…` : clean,
      };
    }),
  );
}

/** The job's newest `limit` lines, oldest first: the tail is where a failing run says what went wrong. */
export async function listJobLogs(db: Db, jobId: string, opts: { limit?: number } = {}) {
  const newest = await db
    .select()
    .from(appGenerationLogs)
    .where(eq(appGenerationLogs.jobId, jobId))
    .orderBy(desc(appGenerationLogs.createdAt), desc(appGenerationLogs.id))
    .limit(opts.limit ?? 2000);
  return newest.reverse();
}
