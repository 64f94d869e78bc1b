import type { Deps } from "@/server/deps";

/**
 * DepsMiddleware puts `deps` on every handler's ctx at runtime, but its transform is async and the
 * SDK's ctx typing only sees synchronous transforms, so the handlers read it through this one cast.
 */
export const depsOf = (ctx: object): Deps => (ctx as { deps: Deps }).deps;
