/**
 * Previews link to each other the way static mock-ups do (`about.html`, `./pricing`, `/about/`,
 * `index.html#top`); a link that lands on one of the spec's routes becomes an in-app `Link` to it,
 * keeping its query and hash. Anything else (other sites, mailto:, `#section`) stays a plain `<a>`.
 */
export function internalRoute(href: string, routes: ReadonlySet<string>): string | null {
  const trimmed = href.trim();
  if (trimmed === "" || trimmed.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith("//")) return null;
  const cut = trimmed.search(/[?#]/);
  const path = cut === -1 ? trimmed : trimmed.slice(0, cut);
  const suffix = cut === -1 ? "" : trimmed.slice(cut);
  const segments = path
    .split("/")
    .filter((s) => s !== "" && s !== ".")
    .map((s) => s.toLowerCase().replace(/\.html?$/, ""));
  if (segments[segments.length - 1] === "index") segments.pop();
  if (segments.includes("..")) return null;
  const route = `/${segments.join("/")}`;
  return routes.has(route) ? route + suffix : null;
}
