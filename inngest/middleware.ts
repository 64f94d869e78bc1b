import { Middleware } from "inngest";
import { getDeps, peekDeps, type Deps } from "@/server/deps";

/**
 * Puts `deps` (db + services) on every handler's context, typed. Opening the database is async,
 * but the SDK only types ctx extensions from a synchronous transformFunctionInput, so the async
 * part happens in wrapRequest (which runs first, on a fresh instance per request). Tests override
 * with setDeps(), which peekDeps() sees synchronously even where no request wraps the run.
 */
export class DepsMiddleware extends Middleware.BaseMiddleware {
  readonly id = "aigency:deps";
  private deps: Deps | undefined;

  async wrapRequest({ next }: Middleware.WrapRequestArgs) {
    this.deps = await getDeps();
    return next();
  }

  transformFunctionInput(arg: Middleware.TransformFunctionInputArgs) {
    const deps = this.deps ?? peekDeps();
    if (!deps) throw new Error("Dependencies were not resolved before the function ran");
    return { ...arg, ctx: { ...arg.ctx, deps } };
  }
}
