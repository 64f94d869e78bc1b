import type { Env } from "@/env";
import { findActiveSnapshot } from "@/server/sandbox/snapshots";
import type { ServiceFactoryInput } from "..";
import type { ServiceStatus } from "../types";
import { createDaytonaSandbox } from "./daytona-sandbox";
import { createLocalSandbox } from "./local-sandbox";
import { localTemplatesRoot } from "./local-templates";
import type { SandboxService } from "./types";

export type {
  SandboxCreateOptions,
  SandboxDownloadLimits,
  SandboxExecOptions,
  SandboxExecResult,
  SandboxFile,
  SandboxJob,
  SandboxResult,
  SandboxService,
  SandboxSessions,
} from "./types";
export { SandboxGoneError, SandboxLimitError, SandboxTemplateMissingError, SandboxUnavailableError } from "./types";
export { localTemplateDir, LOCAL_TEMPLATE_READY_FILE } from "./local-templates";
export { DAYTONA_TEMPLATE_ROOT } from "./daytona-sessions";

export function createSandbox({ env, db }: ServiceFactoryInput): SandboxService {
  if (env.DAYTONA_API_KEY) {
    return createDaytonaSandbox({
      apiKey: env.DAYTONA_API_KEY,
      apiUrl: env.DAYTONA_API_URL,
      snapshot: env.DAYTONA_SNAPSHOT,
      // The snapshot builder's latest verified snapshot; DAYTONA_SNAPSHOT only until one exists.
      snapshotFor: async () => (await findActiveSnapshot(db, "daytona"))?.name ?? env.DAYTONA_SNAPSHOT,
    });
  }
  return createLocalSandbox({ templatesDir: localTemplatesRoot(env) });
}

export function describeSandbox(env: Env): ServiceStatus {
  if (env.DAYTONA_API_KEY) {
    return {
      service: "sandbox",
      implementation: "Daytona",
      simulated: false,
      detail: `snapshot ${env.DAYTONA_SNAPSHOT ?? "(Daytona default)"}`,
    };
  }
  return {
    service: "sandbox",
    implementation: "Local process (embedded)",
    simulated: false,
    detail:
      "a directory per sandbox, scrubbed env, timeout that ends every process it started, 1 MiB output cap; not isolated from this machine",
  };
}
