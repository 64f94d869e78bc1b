import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { sameOriginOnly } from "@/server/http";

const handlers = serve({ client: inngest, functions });

// The engine calls without an Origin; a browser on another site (the Dev Server skips signatures) is refused.
export const GET = handlers.GET;
export const POST = sameOriginOnly(handlers.POST);
export const PUT = sameOriginOnly(handlers.PUT);
