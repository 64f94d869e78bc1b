import type { AdPlatform } from "./facebook/types";
import type { LlmService } from "./llm/types";
import type { MailTransport } from "./mail/types";
import type { SandboxService } from "./sandbox/types";
import type { StorageService } from "./storage/types";

/** Every external service, each behind one interface with a real and an embedded implementation. */
export interface Services {
  llm: LlmService;
  storage: StorageService;
  sandbox: SandboxService;
  mail: MailTransport;
  facebook: AdPlatform;
}

export type ServiceName = keyof Services;

/** What the status page shows for one service. */
export interface ServiceStatus {
  service: ServiceName | "database" | "engine";
  implementation: string;
  simulated: boolean;
  detail: string;
}
