import os from "node:os";
import path from "node:path";

/**
 * One npm cache kept across runs (CI caches this directory): the app's generated-app installs
 * (APPGEN_NPM_CACHE_DIR) and the E2E's own install of the unpacked ZIP both fill and reuse it.
 */
export const E2E_NPM_CACHE_DIR = process.env.AIGENCY_NPM_CACHE_DIR ?? path.join(os.homedir(), ".cache", "aigency", "npm-cache");
