import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export type BrandUrlCheck = { ok: true } | { ok: false; message: string };
export type ResolveHost = (host: string) => Promise<string[]>;

const resolveAll: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Only the public internet: the research stage fetches this URL from inside the sandbox. */
function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // an IPv4-mapped IPv6 address is judged as the IPv4 it carries
  return parsed.range() === "unicast";
}

/**
 * In production a brand URL whose host is (or resolves to) a private, loopback, link-local or other
 * non-public address is refused, so the sandbox is never pointed at our own network. Outside
 * production (and under the e2e harness) a local test site is allowed.
 */
export async function checkBrandHost(url: string, opts: { production: boolean; resolve?: ResolveHost }): Promise<BrandUrlCheck> {
  if (!opts.production) return { ok: true };
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await (opts.resolve ?? resolveAll)(host);
  } catch {
    return { ok: false, message: `host ${host} could not be found` };
  }
  if (addresses.length === 0) return { ok: false, message: `host ${host} could not be found` };
  if (!addresses.every(isPublicAddress)) return { ok: false, message: "must point at a public website, not a private or local address" };
  return { ok: true };
}

/** Private hosts are refused in production only; the e2e harness (test controls on) serves the brand site locally. */
export function refusesPrivateBrandHosts(e: { NODE_ENV?: string; AIGENCY_TEST_CONTROLS?: string }): boolean {
  return e.NODE_ENV === "production" && e.AIGENCY_TEST_CONTROLS !== "1";
}
