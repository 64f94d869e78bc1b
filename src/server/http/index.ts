/**
 * Route-handler helpers: every input is parsed with zod and a bad one answers 4xx naming the
 * field, never a 500; every state-changing handler starts with `refuseCrossSite`.
 */
export * from "./responses";
export { parseJsonBody, parseQuery, type Parsed } from "./parse-input";
export { readBodyCapped, readBytesCapped, DEFAULT_MAX_BODY_BYTES } from "./read-body";
export { refuseCrossSite, sameOriginOnly } from "./same-origin";
export { safeText, hasControlCharacter, findControlCharacter } from "./safe-text";
