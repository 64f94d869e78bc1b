export declare function acquireBuildLock(lockFile: string, opts: { log: (line: string) => void; pollMs?: number; tag?: string; what?: string }): Promise<() => void>;
