// Brand colours: the page's declared theme colour, then its CSS hex colours by frequency, greys left out.

const HEX = /#([0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-f])/gi;
export const COLOURS_MAX = 5;

export function normaliseHex(raw) {
  const hex = raw.replace("#", "").toLowerCase();
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return /^[0-9a-f]{6}$/.test(full) ? `#${full}` : null;
}

export function rgbOf(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// Greys (and near-black/near-white) say little about a brand: every site has them.
export function isGreyish(hex) {
  const [r, g, b] = rgbOf(hex);
  return Math.max(r, g, b) - Math.min(r, g, b) < 24;
}

/** Ordered brand colours found in `themeColor` and the CSS texts; [] when none are colourful. */
export function coloursFromPage({ themeColor, cssTexts }) {
  const counts = new Map();
  for (const css of cssTexts) {
    for (const match of css.matchAll(HEX)) {
      const hex = normaliseHex(match[0]);
      if (hex && !isGreyish(hex)) counts.set(hex, (counts.get(hex) ?? 0) + 1);
    }
  }
  // Ties keep first-seen order (Map order) because sort is stable.
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([hex]) => hex);
  const theme = themeColor ? normaliseHex(themeColor.trim()) : null;
  const ordered = theme && !isGreyish(theme) ? [theme, ...byFrequency.filter((c) => c !== theme)] : byFrequency;
  return ordered.slice(0, COLOURS_MAX);
}

function hashOf(text) {
  let hash = 2166136261;
  for (const ch of text) hash = Math.imul(hash ^ ch.codePointAt(0), 16777619) >>> 0;
  return hash;
}

function hslToHex(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const channel = (n) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return `#${[channel(0), channel(8), channel(4)].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** A stable three-colour palette from the brand name, for sites that show no colour of their own. */
export function paletteFromName(brandName) {
  const hue = hashOf(brandName.trim().toLowerCase()) % 360;
  return [hslToHex(hue, 0.62, 0.42), hslToHex((hue + 150) % 360, 0.7, 0.55), hslToHex(hue, 0.35, 0.92)];
}

/** Black or white, whichever reads better on `hex`. */
export function textColourOn(hex) {
  const [r, g, b] = rgbOf(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.36 ? "#111111" : "#ffffff";
}
