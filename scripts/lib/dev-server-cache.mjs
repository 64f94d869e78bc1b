import fs from "node:fs";

/**
 * What a cached build contains, written next to the binary once it is built. Bump it when the build
 * changes what ends up in the binary, and every cached binary without it is rebuilt, once.
 * dev-server-ui-1: the web UI is built from the module's source and embedded.
 */
export const DEV_SERVER_BUILD_ID = "dev-server-ui-1";

export const buildMarkerPath = (binary) => `${binary}.build-id`;

/** The build id recorded next to `binary`, or undefined for a binary built before markers existed. */
export function readBuildId(binary) {
  try {
    return fs.readFileSync(buildMarkerPath(binary), "utf8").trim() || undefined;
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** Written after the binary is in place, so a marker never vouches for a half-written build. */
export function writeBuildMarker(binary, buildId = DEV_SERVER_BUILD_ID) {
  const partial = `${buildMarkerPath(binary)}.partial-${process.pid}`;
  fs.writeFileSync(partial, `${buildId}\n`);
  fs.renameSync(partial, buildMarkerPath(binary));
}

/**
 * Whether a cached binary can be used as it is. `runnable`: it starts and reports a version;
 * `buildId`: what its marker says. A binary that runs but was built differently is rebuilt, and
 * the reason is what the user reads.
 */
export function cachedBinaryVerdict({ binary, runnable, buildId, wanted = DEV_SERVER_BUILD_ID }) {
  if (!runnable) return { use: false, reason: `no runnable binary at ${binary}` };
  if (buildId === wanted) return { use: true };
  const found = buildId ? `its build id is ${buildId}` : `no ${buildMarkerPath(binary)}`;
  return { use: false, reason: `the cached ${binary} predates build ${wanted}, which embeds the web UI (${found}); rebuilding it once` };
}
