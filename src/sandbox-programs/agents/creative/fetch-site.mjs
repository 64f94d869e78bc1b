// Fetches the brand site from inside the sandbox: http(s) only, a deadline, few redirects, a size cap.
import { AgentError } from "./io.mjs";

const TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 3;
export const PAGE_BYTES_MAX = 2 * 1024 * 1024;

function checkedUrl(raw, base) {
  let url;
  try {
    url = new URL(raw, base);
  } catch {
    throw new AgentError("The brand URL is not a valid URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AgentError(`The brand site may only be fetched over http or https, not ${url.protocol.replace(":", "")}.`);
  }
  return url;
}

// Reads at most `cap` bytes; a page longer than that is cut, not refused (the top holds what we need).
async function readCapped(response, cap) {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks = [];
  let total = 0;
  while (total < cap) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const bytes = new Uint8Array(Math.min(total, cap));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder("utf-8").decode(bytes);
}

function unreachable(url, error) {
  if (error?.name === "TimeoutError") return new AgentError(`The brand site ${url.host} did not answer within 15 seconds.`);
  const code = error?.cause?.code ? ` (${error.cause.code})` : "";
  return new AgentError(`Could not reach the brand site ${url.host}${code}.`);
}

/** GETs a page and returns `{ url, html }`; non-2xx answers and unreachable hosts are AgentErrors. */
export async function fetchPage(rawUrl, { cap = PAGE_BYTES_MAX } = {}) {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  let url = checkedUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    let response;
    try {
      response = await fetch(url, {
        redirect: "manual",
        signal,
        headers: { "user-agent": "AigencyCreativeAgent/1.0", accept: "text/html,text/css,*/*;q=0.5" },
      });
    } catch (error) {
      throw unreachable(url, error);
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      if (hop >= MAX_REDIRECTS) throw new AgentError(`The brand site ${url.host} redirected more than ${MAX_REDIRECTS} times.`);
      url = checkedUrl(location, url);
      continue;
    }
    if (!response.ok) throw new AgentError(`The brand site ${url.host} answered HTTP ${response.status}.`);
    try {
      return { url: url.href, html: await readCapped(response, cap) };
    } catch (error) {
      throw unreachable(url, error);
    }
  }
}
