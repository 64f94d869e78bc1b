import type { NextConfig } from "next";

/**
 * URLs that carry a secret in their query: the OAuth callback's `code`/`state` (Facebook can only
 * send them there), the `sig` of a signed storage link and the `token` of an unsubscribe link.
 * `next dev` prints every request's full URL; Next can only drop a line, not redact it, so these
 * requests are left out of its log.
 */
export const SECRET_BEARING_URL = /[?&](code|state|sig|token)=/;

const config: NextConfig = {
  logging: { incomingRequests: { ignore: [SECRET_BEARING_URL] } },
  // PGlite ships WASM + data files it loads from its own package folder; bundling breaks those paths.
  // i18n-iso-countries requires its language files by computed path, and the place data is large: load both from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@daytonaio/sdk", "postgres", "i18n-iso-countries", "city-timezones", "compromise"],
  // Lets the e2e harness build into its own folder while `npm run dev` keeps using .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // The e2e harness builds after `npm test` has already run `tsc --noEmit`; it skips the second check.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
};

export default config;
