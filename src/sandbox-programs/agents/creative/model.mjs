// Anthropic's Messages API over plain fetch. The key goes into one header and nowhere else.
import process from "node:process";
import { AgentError } from "./io.mjs";

const TIMEOUT_MS = 120_000;
const DEFAULT_MODEL = "claude-sonnet-5-5";

export const hasModel = () => Boolean(process.env.ANTHROPIC_API_KEY);

function messagesUrl() {
  const base = process.env.ANTHROPIC_BASE_URL || "https://api.anthropic.com";
  return `${base.replace(/\/+$/, "")}/v1/messages`;
}

// The reply may wrap its JSON in a code fence or a sentence; take the outermost object or array.
export function jsonFromReply(text) {
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/);
  const body = (fenced ? fenced[1] : text).trim();
  const starts = [body.indexOf("{"), body.indexOf("[")].filter((i) => i >= 0);
  if (starts.length === 0) return undefined;
  const start = Math.min(...starts);
  const end = Math.max(body.lastIndexOf("}"), body.lastIndexOf("]"));
  try {
    return JSON.parse(body.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

async function postMessages(body) {
  let response;
  try {
    response = await fetch(messagesUrl(), {
      method: "POST",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "x-api-key": process.env.ANTHROPIC_API_KEY,
        "anthropic-version": "2023-06-01",
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    const why = error?.name === "TimeoutError" ? "did not answer within 120 seconds" : "could not be reached";
    throw new AgentError(`The model API ${why}.`);
  }
  if (!response.ok) throw new AgentError(`The model API answered HTTP ${response.status}.`);
  try {
    return await response.json();
  } catch {
    throw new AgentError("The model API answered with something that is not JSON.");
  }
}

/**
 * Asks the model for one JSON value and checks it with `validate` (returns the value or throws an
 * AgentError naming what is wrong). `what` names the value in errors ("research", "hooks"…).
 */
export async function askModelForJson({ what, system, user, validate, maxTokens = 2048 }) {
  const reply = await postMessages({
    model: process.env.ANTHROPIC_MODEL || DEFAULT_MODEL,
    max_tokens: maxTokens,
    system,
    messages: [{ role: "user", content: user }],
  });
  const inputTokens = Number(reply?.usage?.input_tokens) || 0;
  const outputTokens = Number(reply?.usage?.output_tokens) || 0;
  const text = Array.isArray(reply?.content)
    ? reply.content.filter((part) => part?.type === "text").map((part) => part.text).join("")
    : "";
  const parsed = jsonFromReply(text);
  if (parsed === undefined) throw new AgentError(`The model's reply for ${what} held no readable JSON.`);
  return { value: validate(parsed), inputTokens, outputTokens };
}
