import { Middleware } from "inngest";
import { getDeps } from "@/server/deps";

/**
 * Puts `deps` (db + services) on every handler's context. Resolved per request from getDeps(),
 * which tests override with setDeps(), so functions never import a database or SDK themselves.
 */
export class DepsMiddleware extends Middleware.BaseMiddleware {
  readonly id = "aigency:deps";

  async transformFunctionInput(arg: Middleware.TransformFunctionInputArgs) {
    const deps = await getDeps();
    return { ...arg, ctx: { ...arg.ctx, deps } };
  }
}
