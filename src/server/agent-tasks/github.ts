import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { safeText } from "@/server/http";

/**
 * GitHub issues → agent tasks. GitHub signs the body with one secret (GITHUB_WEBHOOK_SECRET, shared
 * by every hook this deployment accepts), so the body cannot say which organization a hook is for.
 * The hook's URL does: `?organization=<id>&token=<hmac>`, the token an HMAC of the organization id
 * under that same secret. Only we can mint it, so whoever can post signed GitHub bodies still cannot
 * aim them at an organization whose URL they were not given.
 */
const tokenFor = (organizationId: string, secret: string) => createHmac("sha256", secret).update(`github-org:${organizationId}`).digest();

export function githubHookQuery(organizationId: string, secret: string): string {
  return `organization=${organizationId}&token=${tokenFor(organizationId, secret).toString("hex")}`;
}

export function verifyGithubHookToken(organizationId: string, token: string, secret: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(token)) return false;
  return timingSafeEqual(tokenFor(organizationId, secret), Buffer.from(token, "hex"));
}

export const githubHookParams = z.object({ organization: z.uuid(), token: z.string().regex(/^[0-9a-f]{64}$/i, "must be the token from the hook URL") });

/** The part of an `issues` event we use; GitHub sends much more, which is ignored. */
export const githubIssuesEvent = z.object({
  action: z.string().max(50),
  issue: z.object({
    number: z.number().int().positive(),
    title: safeText().min(1).max(1000),
    body: safeText().max(65_000).nullish(),
    html_url: z.url().max(2000).optional(),
  }),
  repository: z.object({ full_name: safeText().min(1).max(300) }),
});
export type GithubIssuesEvent = z.infer<typeof githubIssuesEvent>;

/** The issue as the agents get it; `repo#number` is the external id, so a redelivery finds the same task. */
export function issueFromGithub(event: GithubIssuesEvent) {
  const { issue, repository } = event;
  return {
    externalId: `${repository.full_name}#${issue.number}`,
    title: issue.title.slice(0, 200),
    description: (issue.body ?? "").trim().slice(0, 10_000) || issue.title,
    context: { github: { repository: repository.full_name, number: issue.number, url: issue.html_url ?? null } },
  };
}
