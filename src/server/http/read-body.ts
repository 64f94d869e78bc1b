export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export type CappedBody = { ok: true; text: string } | { ok: false; maxBytes: number };

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes`: an honest
 * Content-Length that is too big is refused before reading, and a lying or absent one (chunked)
 * is counted while streaming, so a huge upload costs at most `maxBytes` of memory.
 */
export async function readBodyCapped(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<CappedBody> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, maxBytes };
  if (!req.body) return { ok: true, text: "" };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel("body too large").catch(() => {});
      return { ok: false, maxBytes };
    }
    chunks.push(value);
  }
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks)) };
}
