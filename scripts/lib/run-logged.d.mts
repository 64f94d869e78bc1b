export declare function runLogged(
  command: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; log: (line: string) => void; label: string },
): Promise<void>;
