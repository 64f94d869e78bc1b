import type { z } from "zod";
import { LlmOutputError } from "./types";

/**
 * Turns the model's text into a value of `schema` or throws LlmOutputError with the raw text, so
 * callers can ask again. Re-validating here (not only in the SDK) keeps transforms and refinements
 * the JSON schema sent to the API cannot express.
 */
export function parseStructuredOutput<T>(raw: string, schema: z.ZodType<T>, opts: { truncated?: boolean } = {}): T {
  if (opts.truncated) {
    throw new LlmOutputError("Model output was cut off at max_tokens before the JSON was complete", raw);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new LlmOutputError("Model output is not valid JSON", raw);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new LlmOutputError(`Model output does not match the schema: ${issues}`, raw);
  }
  return result.data;
}
