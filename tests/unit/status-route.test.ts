import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/status/route";
import { resetEnv } from "@/env";

/** Everything configured, with hosts and paths an attacker would like to learn. */
const configured = {
  DATABASE_URL: "postgres://app:pw@db-internal.corp.example:5432/aigency",
  DATA_DIR: "/srv/aigency-private/data",
  INNGEST_BASE_URL: "https://inngest-internal.corp.example",
  INNGEST_SIGNING_KEY: "signkey-prod-abc",
  INNGEST_EVENT_KEY: "evt",
  SUPABASE_URL: "https://project-ref.supabase.co",
  SUPABASE_SERVICE_ROLE_KEY: "service-role",
  DAYTONA_API_KEY: "dtn",
  DAYTONA_API_URL: "https://daytona-internal.corp.example/api",
  RESEND_API_KEY: "re_live",
  MAIL_FROM: "Agency <agency@mail-internal.corp.example>",
  FACEBOOK_APP_ID: "1",
  FACEBOOK_APP_SECRET: "s",
  FACEBOOK_GRAPH_URL: "https://graph-proxy.corp.example",
  ANTHROPIC_API_KEY: "sk-ant",
  ANTHROPIC_BASE_URL: "https://llm-proxy.corp.example",
};

async function statusWith(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnv();
  const res = GET();
  return { json: (await res.json()) as { services: { service: string; implementation: string }[] }, text: JSON.stringify(await GET().json()) };
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

describe("/status", () => {
  it("names each implementation but no host, URL or path when everything is configured", async () => {
    const { json, text } = await statusWith(configured);
    expect(json.services.map((s) => s.implementation)).toEqual(
      expect.arrayContaining(["PostgreSQL", "Inngest Cloud", "Supabase Storage", "Daytona", "Resend", "Graph API", "Anthropic"]),
    );
    expect(text).not.toMatch(/corp\.example|supabase\.co|:\/\/|\/srv|aigency-private/);
    expect(text).not.toMatch(/[^\s"]\/[^\s"]/); // no path of any kind
  });

  it("names the embedded implementations without the data directory's path", async () => {
    const { json, text } = await statusWith({ DATA_DIR: "/home/owner/secret-place", NODE_ENV: "development", DATABASE_URL: undefined });
    expect(json.services.map((s) => s.implementation)).toEqual(expect.arrayContaining(["PGlite (embedded)", "Inngest Dev Server"]));
    expect(text).not.toMatch(/secret-place|\/home|localhost|:\/\//);
    expect(text).not.toMatch(/[^\s"]\/[^\s"]/);
  });
});
