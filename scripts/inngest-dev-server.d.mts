export declare const DEV_SERVER_VERSION: string;
export declare function devServerCacheDir(version?: string): string;
export declare function resolveDevServerBinary(opts?: { log?: (line: string) => void }): Promise<string>;
export declare const DEV_SERVER_ENV: { DO_NOT_TRACK: string; EXPERIMENTAL_KEY_QUEUES_ENABLE: string };
