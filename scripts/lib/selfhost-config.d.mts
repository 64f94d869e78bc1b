export declare class SelfhostConfigError extends Error {}
export declare const SDK_SIGNING_KEY_PREFIX: string;
export declare function signingKeyProblem(key: string): string | undefined;
export declare function describeServer(url: URL): string;
export declare function enginePostgresUrl(env: Record<string, string | undefined>): URL;
export interface EnginePostgresConns {
  open: number;
  idle: number;
}
export declare function enginePostgresConns(env: Record<string, string | undefined>): EnginePostgresConns;
export declare function engineRedisUrl(env: Record<string, string | undefined>): URL;
export type SelfhostSecrets = Record<"INNGEST_SIGNING_KEY" | "INNGEST_EVENT_KEY" | "BETTER_AUTH_SECRET" | "ENCRYPTION_KEY", string>;
export interface SelfhostConfig {
  production: boolean;
  secrets: SelfhostSecrets;
  generatedSecretsFile: string | undefined;
  postgresUrl: URL;
  postgresConns: EnginePostgresConns;
  redisUrl: URL;
  appPort: number;
  enginePort: number;
  appUrl: string;
  engineUrl: string;
  distDir: string;
}
export declare function resolveSelfhostConfig(env: Record<string, string | undefined>, opts: { root: string }): SelfhostConfig;
export declare function engineArgs(config: SelfhostConfig): string[];
export declare function engineEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function appEnv(env: Record<string, string | undefined>, config: SelfhostConfig): Record<string, string | undefined>;
