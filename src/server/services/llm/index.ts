import type { Env } from "@/env";
import type { Db } from "@/server/db/client";
import type { ServiceStatus } from "../types";
import { createAnthropicLlm } from "./anthropic";
import { createOfflineLlm } from "./offline";
import { hasPrice } from "./pricing";
import type { LlmService } from "./types";

export { LlmOutputError } from "./types";
export type * from "./types";
export { createAnthropicLlm, type AnthropicLlmOptions } from "./anthropic";
export { createOfflineLlm, OfflineGeneratorMissingError } from "./offline";
export {
  registerOfflineGenerator,
  unregisterOfflineGenerator,
  OFFLINE_LABEL,
  OFFLINE_MODEL_ID,
  type OfflineGenerator,
  type OfflineGeneratorInput,
} from "./offline-registry";
export { computeCostMicroUsd, MODEL_PRICES } from "./pricing";

/** Anthropic when ANTHROPIC_API_KEY is set, otherwise the offline demo model. */
export function createLlm(input: { env: Env; db: Db; maxRetries?: number }): LlmService {
  const { env, db } = input;
  if (!env.ANTHROPIC_API_KEY) return createOfflineLlm({ db });
  return createAnthropicLlm({
    db,
    apiKey: env.ANTHROPIC_API_KEY,
    baseURL: env.ANTHROPIC_BASE_URL,
    models: { chat: env.ANTHROPIC_MODEL_CHAT, planner: env.ANTHROPIC_MODEL_PLANNER },
    maxRetries: input.maxRetries,
  });
}

export function describeLlm(env: Env): ServiceStatus {
  if (!env.ANTHROPIC_API_KEY) {
    return {
      service: "llm",
      implementation: "Offline demo model",
      simulated: true,
      detail: "Deterministic, labelled demo output; set ANTHROPIC_API_KEY for Claude",
    };
  }
  const models = [env.ANTHROPIC_MODEL_CHAT, env.ANTHROPIC_MODEL_PLANNER];
  const unpriced = models.filter((m) => !hasPrice(m));
  return {
    service: "llm",
    implementation: "Anthropic",
    simulated: false,
    detail:
      `chat ${models[0]}, planner ${models[1]}` +
      (unpriced.length ? ` (no price for ${unpriced.join(", ")}: usage billed at 0)` : ""),
  };
}
