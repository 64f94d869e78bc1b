export declare const DEV_SERVER_VERSION: string;
export declare function devServerCacheDir(version?: string): string;
export declare function resolveDevServerBinary(opts?: { log?: (line: string) => void }): Promise<string>;
export declare const DEV_SERVER_ENV: { DO_NOT_TRACK: string; EXPERIMENTAL_KEY_QUEUES_ENABLE: string };
export declare function cachedOrBuilt(opts: {
  cacheDir: string;
  log: (line: string) => void;
  build?: (opts: { version: string; cacheDir: string; output: string; log: (line: string) => void }) => Promise<void>;
}): Promise<string>;
