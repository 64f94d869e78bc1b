import type { Env } from "@/env";
import type { Db } from "../db/client";
import { createAdPlatform, describeAdPlatform } from "./facebook";
import { createLlm, describeLlm } from "./llm";
import { createMailTransport, describeMail } from "./mail";
import { createSandbox, describeSandbox } from "./sandbox";
import { createStorage, describeStorage } from "./storage";
import type { ServiceStatus, Services } from "./types";

export type { Services, ServiceStatus } from "./types";

export interface ServiceFactoryInput {
  env: Env;
  db: Db;
}

/** Chooses each service's implementation from the validated env: configured → real, else embedded. */
export function createServices(input: ServiceFactoryInput): Services {
  return {
    llm: createLlm(input),
    storage: createStorage(input),
    sandbox: createSandbox(input),
    mail: createMailTransport(input),
    facebook: createAdPlatform(input),
  };
}

export function describeServices(env: Env): ServiceStatus[] {
  return [
    {
      service: "database",
      implementation: env.DATABASE_URL ? "PostgreSQL" : "PGlite (embedded)",
      simulated: false,
      // Names only: paths, hosts and URLs stay off this public page.
      detail: env.DATABASE_URL ? "from DATABASE_URL" : "in the data directory, migrated at start",
    },
    {
      service: "engine",
      implementation: env.INNGEST_SIGNING_KEY ? "Inngest Cloud" : "Inngest Dev Server",
      simulated: false,
      detail: env.INNGEST_SIGNING_KEY ? "requests signed with INNGEST_SIGNING_KEY" : "local Dev Server started by npm run dev",
    },
    describeLlm(env),
    describeStorage(env),
    describeSandbox(env),
    describeMail(env),
    describeAdPlatform(env),
  ];
}
