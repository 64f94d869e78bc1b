import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

// Facebook's minimum for feed link ads (1.91:1).
export const AD_IMAGE_WIDTH = 1200;
export const AD_IMAGE_HEIGHT = 628;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Minimal PNG encoder: 8-bit RGB, no filtering. `pixel(x, y)` returns [r, g, b]. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter type: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/**
 * A plain generated placeholder image for an ad: a two-colour diagonal gradient with a light band,
 * colours derived from the ad's text so each ad looks different and the same ad always looks the same.
 * It carries no text (Facebook penalises text-heavy images); the headline sits in the creative.
 */
export function renderAdImage(seedText: string): Buffer {
  const h = createHash("sha256").update(seedText).digest();
  const from: [number, number, number] = [h[0]! % 160, h[1]! % 160, 80 + (h[2]! % 176)];
  const to: [number, number, number] = [95 + (h[3]! % 160), 60 + (h[4]! % 160), h[5]! % 160];
  const bandTop = Math.floor(AD_IMAGE_HEIGHT * 0.62);
  const bandBottom = Math.floor(AD_IMAGE_HEIGHT * 0.8);
  return encodePng(AD_IMAGE_WIDTH, AD_IMAGE_HEIGHT, (x, y) => {
    const t = (x / AD_IMAGE_WIDTH + y / AD_IMAGE_HEIGHT) / 2;
    const base: [number, number, number] = [mix(from[0], to[0], t), mix(from[1], to[1], t), mix(from[2], to[2], t)];
    if (y >= bandTop && y < bandBottom) return [mix(base[0], 255, 0.7), mix(base[1], 255, 0.7), mix(base[2], 255, 0.7)];
    return base;
  });
}

/** Width and height from a PNG's IHDR chunk (used to prove the size in tests and before upload). */
export function readPngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
