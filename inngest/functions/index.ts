import type { InngestFunction } from "inngest";

/** The one list the serve route registers. Add a function here in the same commit that adds its file. */
export const functions: InngestFunction.Any[] = [];
