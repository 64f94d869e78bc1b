import type { StyleSpec } from "../../spec";

/**
 * `app/globals.css`: the style's palette and typography as CSS custom properties (the pages' own CSS
 * and the shared layout use them), with defaults when the style leaves them empty, plus the layout's
 * own rules. Plain CSS on purpose: nothing to install, nothing for the build to fail on.
 */

const DEFAULT_COLORS = { primary: "#2563eb", accent: "#f59e0b", surface: "#ffffff", text: "#1f2937" };
const GENERIC = /^(serif|sans-serif|monospace|cursive|system-ui)$/i;

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function readableOn(hex: string): "#000000" | "#ffffff" {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? "#000000" : "#ffffff";
}

/** A font name as a CSS family: quoted, stripped to letters, digits, spaces and dashes. */
export function fontFamily(name: string | undefined, fallback: string): string {
  const clean = (name ?? "").replace(/[^A-Za-z0-9 -]/g, "").trim();
  if (!clean) return fallback;
  return GENERIC.test(clean) ? clean : `"${clean}", ${fallback}`;
}

export function globalsCss(style: StyleSpec): string {
  const [primary = DEFAULT_COLORS.primary, accent = DEFAULT_COLORS.accent, surface = DEFAULT_COLORS.surface, text = DEFAULT_COLORS.text, ...more] = style.palette;
  const body = fontFamily(style.typography[1] ?? style.typography[0], "system-ui, -apple-system, 'Segoe UI', sans-serif");
  const heading = fontFamily(style.typography[0], body);
  const extra = more.map((c, i) => `  --color-palette-${i + 5}: ${c};`);
  return `/* Theme tokens from the design's style${style.name ? ` "${style.name.replace(/\*\//g, "")}"` : ""}: change them here, every page follows. */
:root {
  --color-primary: ${primary};
  --color-on-primary: ${readableOn(primary)};
  --color-accent: ${accent};
  --color-surface: ${surface};
  --color-text: ${text};
${extra.length ? `${extra.join("\n")}\n` : ""}  --font-body: ${body};
  --font-heading: ${heading};
  --radius: 8px;
  --space: 1rem;
  --content-width: 72rem;
}

*, *::before, *::after { box-sizing: border-box; }

body {
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  background: var(--color-surface);
  color: var(--color-text);
  font-family: var(--font-body);
  line-height: 1.5;
}

h1, h2, h3, h4 { font-family: var(--font-heading); }
img, svg { max-width: 100%; }

.site-nav {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: var(--space);
  padding: var(--space) calc(var(--space) * 1.5);
  background: var(--color-primary);
  color: var(--color-on-primary);
}
.site-nav a { color: inherit; text-decoration: none; }
.site-nav a:hover, .site-nav a:focus-visible { text-decoration: underline; }
.site-nav .site-brand { font-weight: 700; margin-right: auto; }

.site-content { flex: 1; }

.site-footer {
  padding: var(--space) calc(var(--space) * 1.5);
  border-top: 1px solid color-mix(in srgb, var(--color-text) 15%, transparent);
  font-size: 0.875rem;
}

.site-notice { max-width: var(--content-width); margin: 4rem auto; padding: 0 var(--space); text-align: center; }
`;
}
