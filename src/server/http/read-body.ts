export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export type CappedBody = { ok: true; text: string } | { ok: false; maxBytes: number };
export type CappedBytes = { ok: true; bytes: Uint8Array } | { ok: false; maxBytes: number };

/**
 * Reads a request body's bytes, stopping as soon as it passes `maxBytes`: an honest Content-Length
 * that is too big is refused before reading, and a lying or absent one (chunked) is counted while
 * streaming, so a huge upload costs at most `maxBytes` of memory. The bytes are exactly as sent,
 * which a signature over the raw body needs.
 */
export async function readBytesCapped(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<CappedBytes> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, maxBytes };
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };
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
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** `readBytesCapped`, decoded as UTF-8 text. */
export async function readBodyCapped(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<CappedBody> {
  const body = await readBytesCapped(req, maxBytes);
  return body.ok ? { ok: true, text: new TextDecoder().decode(body.bytes) } : body;
}
