import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonBody, parseQuery, safeText } from "@/server/http";

/** A body that streams `chunks` pieces of 16 KiB and counts how many the server pulled. */
function streamingRequest(chunks: number, headers: Record<string, string> = {}) {
  const piece = new TextEncoder().encode("x".repeat(16 * 1024));
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(piece);
    },
  });
  const req = new Request("http://localhost:3000/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

const anything = z.unknown();

describe("parseJsonBody", () => {
  it("stops reading an oversized body as soon as it passes the cap (413), instead of reading it whole", async () => {
    const { req, pulled } = streamingRequest(64 * 1024); // 1 GiB if read whole
    const parsed = await parseJsonBody(req, anything, { maxBytes: 64 * 1024 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(6); // 64 KiB cap = 4 pieces, plus the stream's read-ahead
  });

  it("refuses a declared Content-Length over the cap before reading anything", async () => {
    const { req, pulled } = streamingRequest(1, { "content-length": String(10 * 1024 * 1024) });
    const parsed = await parseJsonBody(req, anything);
    expect(parsed.ok || parsed.response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("reads a body under the cap, multi-byte characters split across chunks included", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: "Crème brûlée ☕" }));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(new Uint8Array([b]));
        c.close();
      },
    });
    const req = new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await parseJsonBody(req, z.object({ name: z.string() }))).toEqual({ ok: true, data: { name: "Crème brûlée ☕" } });
  });

  it("refuses control characters with a 400 naming the field, keeps tabs and newlines", async () => {
    const post = (body: unknown) => new Request("http://localhost/x", { method: "POST", body: JSON.stringify(body) });
    const schema = z.object({ brief: z.object({ product: z.string() }) });
    for (const bad of ["a\u0000b", "bell\u0007", "esc\u001b[31m"]) {
      const parsed = await parseJsonBody(post({ brief: { product: bad } }), schema);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.response.status).toBe(400);
      expect(((await parsed.response.json()) as { error: string }).error).toBe("brief.product: contains a control character");
    }
    expect(await parseJsonBody(post({ brief: { product: "line one\n\tline two\r\n" } }), schema)).toMatchObject({ ok: true });
  });
});

describe("parseQuery and safeText", () => {
  it("refuses a NUL in a query parameter, naming it", async () => {
    const parsed = parseQuery(new Request("http://localhost/x?to=ab%00cd@example.net"), z.object({ to: z.string() }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.response.status).toBe(400);
    expect(((await parsed.response.json()) as { error: string }).error).toBe("to: contains a control character");
  });

  it("safeText refuses control characters inside any schema", () => {
    expect(safeText().safeParse("ok\nfine").success).toBe(true);
    expect(safeText().safeParse("no\u0000").success).toBe(false);
  });
});
