import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A small bakery page: brand colours in inline and linked CSS, an offer with a price, proof and a testimonial.
export const BRAND_PAGE = `<!doctype html>
<html><head>
<title>Sunny Bakes | Fresh sourdough delivered</title>
<meta name="description" content="Sourdough baked for busy families and delivered at dawn.">
<link rel="stylesheet" href="/styles.css">
<style>
  body { color: #333333; background: #ffffff; }
  .btn { background: #d9480f; color: #fff; }
  .hero { border-bottom: 4px solid #d9480f; }
  .price { color: #D9480F; }
</style></head>
<body>
  <h1>Fresh sourdough at your door</h1>
  <h2>Spring box offer</h2>
  <p class="price">Get 20% off your first box, from £19/month.</p>
  <p>Baking since 1998: over 12,000 customers and 4.9 stars from 3,200 reviews.</p>
  <blockquote class="testimonial">The best bread we have ever had, every single week.</blockquote>
  <p style="border-color: #2b8a3e">Join our bakery club.</p>
  <script>const notABrandColour = "#00ff00"; window.x = notABrandColour;</script>
</body></html>`;

export const BRAND_CSS = ".footer { background: #2b8a3e; } .muted { color: #999; } .badge { color: #1971c2; }";
const PLAIN_PAGE = "<html><head><title>Plain</title></head><body><h1>Handmade shelves</h1><p>Oak shelves cut to size.</p></body></html>";

// The declared theme colour leads even though the CSS uses another colour more often.
const THEMED_PAGE = `<html><head><title>Themed</title><meta name="theme-color" content="#5F3DC4">
<style>a { color: #d9480f } b { color: #d9480f } i { color: #d9480f } u { color: #eee }</style></head><body><h1>Hi</h1></body></html>`;
const HUGE_PAGE = `<html><head><title>Huge</title></head><body><p>Save 30% on every order today.</p><p>${"padding ".repeat(400_000)}</p></body></html>`;

export interface BrandSite {
  url: (path?: string) => string;
  /** Every request served, in order: who asked (User-Agent) and for what. */
  requests: { path: string; userAgent: string }[];
  close: () => Promise<void>;
}

export async function startBrandSite(): Promise<BrandSite> {
  const requests: BrandSite["requests"] = [];
  const server: Server = createServer((req, res) => {
    const route = req.url ?? "/";
    requests.push({ path: route, userAgent: req.headers["user-agent"] ?? "" });
    if (route === "/") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(BRAND_PAGE);
    if (route === "/styles.css") return void res.writeHead(200, { "content-type": "text/css" }).end(BRAND_CSS);
    if (route === "/themed") return void res.writeHead(200, { "content-type": "text/html" }).end(THEMED_PAGE);
    if (route === "/plain") return void res.writeHead(200, { "content-type": "text/html" }).end(PLAIN_PAGE);
    if (route === "/moved") return void res.writeHead(301, { location: "/" }).end();
    const hop = route.match(/^\/loop(\d+)$/);
    if (hop) return void res.writeHead(302, { location: `/loop${Number(hop[1]) + 1}` }).end();
    if (route === "/to-ftp") return void res.writeHead(302, { location: "ftp://127.0.0.1/page" }).end();
    // Over the agent's 2 MB cap: the offer sits at the top, the padding after it is cut off.
    if (route === "/huge") return void res.writeHead(200, { "content-type": "text/html" }).end(HUGE_PAGE);
    if (route === "/broken") return void res.writeHead(500).end("oops");
    // Answers after 10 s (inside the agent's 15 s fetch limit): a research stage that is still running when a test cancels it.
    if (route === "/slow") return void setTimeout(() => res.writeHead(200, { "content-type": "text/html" }).end(BRAND_PAGE), 10_000);
    res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/") => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
