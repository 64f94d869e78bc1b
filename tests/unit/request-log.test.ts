import { ignoreLoggingIncomingRequests } from "next/dist/server/dev/log-requests";
import { describe, expect, it } from "vitest";
import config from "../../next.config";

// Next's own decision, with our config: is this request's line (method + full URL) printed?
type LoggedRequest = Parameters<typeof ignoreLoggingIncomingRequests>[0];
const logged = (url: string) => !ignoreLoggingIncomingRequests({ url } as LoggedRequest, config.logging || undefined);

describe("the dev server's request log", () => {
  it("leaves out URLs carrying OAuth codes, states and storage signatures", () => {
    expect(logged("/api/auth/facebook/callback?code=AQDx-secret&state=eyJuIjoi.sig")).toBe(false);
    expect(logged("/api/auth/facebook/callback?state=eyJuIjoi.sig&error=access_denied")).toBe(false);
    expect(logged("/api/storage/org/report.png?exp=1790000000&sig=3f2a9c")).toBe(false);
  });

  it("leaves out unsubscribe links (the page and the one-click POST carry a token naming the user)", () => {
    expect(logged("/unsubscribe?token=eyJ1IjoiYSJ9.c2ln")).toBe(false);
    expect(logged("/api/notifications/unsubscribe?token=eyJ1IjoiYSJ9.c2ln")).toBe(false);
  });

  it("still logs everything else", () => {
    expect(logged("/api/projects")).toBe(true);
    expect(logged("/projects/0b7c?facebook=pick-account")).toBe(true);
    expect(logged("/dashboard?codec=x")).toBe(true);
  });
});
