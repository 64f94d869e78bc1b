import type { z } from "zod";
import type { ChatTurn, ToolCall, ToolDefinition, ToolOutcome } from "./types";

/** Marks every piece of offline output so demo text is never mistaken for a real model's. */
export const OFFLINE_LABEL = "[offline demo model]";
export const OFFLINE_MODEL_ID = "offline-demo-model";

export interface OfflineGeneratorInput {
  purpose: string;
  system: string;
  messages: ChatTurn[];
  /** Present for generateObject, absent for streamText (which expects a string back). */
  schema?: z.ZodType;
  /** Seeded from purpose + system + messages: the same conversation always gets the same answer. */
  random: () => number;
  /** Deterministic choice from a list, driven by `random`. */
  pick: <T>(items: readonly T[]) => T;
  lastUserMessage: string;
  /** chooseTools and streamToolAnswer: the tools offered. */
  tools?: ToolDefinition[];
  /** streamToolAnswer: the calls made and what they came back with. */
  toolCalls?: ToolCall[];
  toolResults?: ToolOutcome[];
}

/** Returns the object for generateObject or the reply text for streamText. */
export type OfflineGenerator = (input: OfflineGeneratorInput) => unknown;

// On globalThis so that Next's dev server, which re-evaluates modules on edit, keeps one registry.
const store = globalThis as unknown as { __aigencyOfflineGenerators?: Map<string, OfflineGenerator> };
const registry = (store.__aigencyOfflineGenerators ??= new Map());

/** Modules that call the model register their offline stand-in here; re-registering replaces it. */
export function registerOfflineGenerator(purpose: string, generator: OfflineGenerator): void {
  registry.set(purpose, generator);
}

export function unregisterOfflineGenerator(purpose: string): void {
  registry.delete(purpose);
}

export function findOfflineGenerator(purpose: string): OfflineGenerator | undefined {
  return registry.get(purpose);
}

export function listOfflinePurposes(): string[] {
  return [...registry.keys()].sort();
}
