export declare const DEV_SERVER_VERSION: string;
export declare function devServerCacheDir(version?: string): string;
export declare function resolveDevServerBinary(opts?: { log?: (line: string) => void }): Promise<string>;
