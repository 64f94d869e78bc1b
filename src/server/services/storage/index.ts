import path from "node:path";
import type { Env } from "@/env";
import type { ServiceFactoryInput } from "..";
import type { ServiceStatus } from "../types";
import { createLocalStorage } from "./local-storage";
import { resolveSigningSecret, signingSecretSource } from "./signing-secret";
import { createSupabaseStorage } from "./supabase-storage";
import type { StorageService } from "./types";

export { StorageNotFoundError } from "./types";
export type { StorageService, StoredObject } from "./types";
export { InvalidStoragePathError } from "./paths";

/** Where the embedded store keeps its files. */
export function localStorageRoot(env: Pick<Env, "DATA_DIR">): string {
  return path.resolve(env.DATA_DIR, "storage");
}

export function createStorage({ env }: ServiceFactoryInput): StorageService {
  if (env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
    return createSupabaseStorage({
      url: env.SUPABASE_URL,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
      bucket: env.SUPABASE_BUCKET,
    });
  }
  return createLocalStorage({
    root: localStorageRoot(env),
    appUrl: env.APP_URL,
    getSecret: () => resolveSigningSecret(env),
  });
}

const SECRET_SOURCE_LABEL = {
  APP_SIGNING_SECRET: "links signed with APP_SIGNING_SECRET",
  BETTER_AUTH_SECRET: "links signed with a key derived from BETTER_AUTH_SECRET",
  "dev-key-file": "links signed with a dev key generated in the data directory",
} as const;

export function describeStorage(env: Env): ServiceStatus {
  if (env.SUPABASE_URL) {
    return {
      service: "storage",
      implementation: "Supabase Storage",
      simulated: false,
      detail: `private bucket "${env.SUPABASE_BUCKET}"`,
    };
  }
  return {
    service: "storage",
    implementation: "Local filesystem (embedded)",
    simulated: false,
    detail: `files in the data directory; ${SECRET_SOURCE_LABEL[signingSecretSource(env)]}`,
  };
}
