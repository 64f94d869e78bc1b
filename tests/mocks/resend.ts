import { http, HttpResponse } from "msw";

/**
 * A fake Resend `POST /emails` for msw, so the real `resend` SDK runs unchanged. It records each
 * request (JSON body + headers), honours Idempotency-Key like Resend (same key → same id), and
 * `failNext` scripts the next reply: an API error, a malformed body, or a network failure.
 */
export const RESEND_TEST_URL = "https://resend.test";
export const RESEND_TEST_KEY = "re_test_key";

export interface ResendRequest {
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export type ResendFailure =
  | { kind: "api"; status: number; name: string; message?: string }
  | { kind: "raw"; status: number; body: string }
  | { kind: "network" };

export function createResendMock(opts: { baseUrl?: string } = {}) {
  const requests: ResendRequest[] = [];
  const failures: ResendFailure[] = [];
  const idsByKey = new Map<string, string>();
  let counter = 0;

  const handler = http.post(`${opts.baseUrl ?? RESEND_TEST_URL}/emails`, async ({ request }) => {
    const headers = Object.fromEntries(request.headers.entries());
    const body = (await request.json()) as Record<string, unknown>;
    requests.push({ body, headers });
    if (headers.authorization !== `Bearer ${RESEND_TEST_KEY}`) {
      return HttpResponse.json(
        { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" },
        { status: 401 },
      );
    }
    const failure = failures.shift();
    if (failure?.kind === "network") return HttpResponse.error();
    if (failure?.kind === "raw") return new HttpResponse(failure.body, { status: failure.status });
    if (failure?.kind === "api") {
      return HttpResponse.json(
        { statusCode: failure.status, name: failure.name, message: failure.message ?? failure.name },
        { status: failure.status },
      );
    }
    const key = headers["idempotency-key"];
    const id = (key && idsByKey.get(key)) || `email-${++counter}`;
    if (key) idsByKey.set(key, id);
    return HttpResponse.json({ id });
  });

  return {
    handlers: [handler],
    requests,
    failNext(failure: ResendFailure) {
      failures.push(failure);
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      idsByKey.clear();
    },
  };
}
