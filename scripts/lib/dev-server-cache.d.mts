export declare const DEV_SERVER_BUILD_ID: string;
export declare function buildMarkerPath(binary: string): string;
export declare function readBuildId(binary: string): string | undefined;
export declare function writeBuildMarker(binary: string, buildId?: string): void;
export declare function cachedBinaryVerdict(opts: {
  binary: string;
  runnable: boolean;
  buildId: string | undefined;
  wanted?: string;
}): { use: true } | { use: false; reason: string };
