export declare function ensurePostgresDatabase(url: URL): Promise<boolean>;
export declare function checkRedis(url: URL, opts?: { timeoutMs?: number }): Promise<void>;
export declare function flushRedisDb(url: URL, opts?: { timeoutMs?: number }): Promise<void>;
