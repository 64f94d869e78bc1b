// The local image renderer: brand colours, the hook's headline and the brand name drawn with
// @napi-rs/canvas. It is one implementation of `render({ hook, size, prompt, colours, brandName })
// → PNG bytes`; an image-model adapter can take its place without the stage changing.
import path from "node:path";
import { textColourOn } from "./colours.mjs";
import { AgentError } from "./io.mjs";

const FAMILY = "AigencyDejaVuSans";

function wrapLines(ctx, text, maxWidth) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// The largest size at which the headline fits the box, down to a floor that still reads on a phone.
function fitHeadline(ctx, text, box) {
  for (let size = Math.round(box.height / 3.2); size > 22; size -= 2) {
    ctx.font = `bold ${size}px ${FAMILY}`;
    const lines = wrapLines(ctx, text, box.width);
    const fits = lines.every((l) => ctx.measureText(l).width <= box.width);
    if (fits && lines.length * size * 1.18 <= box.height) return { size, lines };
  }
  ctx.font = `bold 22px ${FAMILY}`;
  return { size: 22, lines: wrapLines(ctx, text, box.width) };
}

export function createCanvasRenderer(requireFromTemplate) {
  const { createCanvas, GlobalFonts } = requireFromTemplate("@napi-rs/canvas");
  const fontDir = path.join(path.dirname(requireFromTemplate.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  if (!GlobalFonts.registerFromPath(path.join(fontDir, "DejaVuSans-Bold.ttf"), FAMILY)) {
    throw new AgentError("The template's DejaVu Sans Bold font could not be loaded.");
  }

  return {
    name: "canvas",
    async render({ hook, size, colours, brandName }) {
      const [width, height] = size.split("x").map(Number);
      const [background, accent = textColourOn(background)] = colours;
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, width, height);

      // A band in the accent colour carries the brand name, as a logo strip would.
      const band = Math.round(height * 0.16);
      const margin = Math.round(width * 0.07);
      ctx.fillStyle = accent;
      ctx.fillRect(0, height - band, width, band);
      ctx.fillRect(margin, Math.round(height * 0.12), Math.round(width * 0.12), Math.max(6, Math.round(height * 0.012)));

      const box = { x: margin, y: Math.round(height * 0.18), width: width - 2 * margin, height: height - band - Math.round(height * 0.26) };
      const { size: fontSize, lines } = fitHeadline(ctx, hook.headline, box);
      ctx.fillStyle = textColourOn(background);
      ctx.textBaseline = "top";
      lines.forEach((line, i) => ctx.fillText(line, box.x, box.y + i * fontSize * 1.18));

      ctx.font = `bold ${Math.round(band * 0.38)}px ${FAMILY}`;
      ctx.fillStyle = textColourOn(accent);
      ctx.textBaseline = "middle";
      ctx.fillText(brandName, margin, height - band / 2, width - 2 * margin);
      return canvas.encode("png");
    },
  };
}
