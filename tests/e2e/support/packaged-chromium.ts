import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { x as extractTar } from "tar";

/**
 * The Chromium that arrives with `npm install`: `@sparticuz/chromium` ships a brotli-compressed
 * headless-shell build (x86-64 Linux) plus the NSS/NSPR/expat libraries it links against
 * (`al2023.tar.br`) and a font. Nothing is downloaded: the archives are unpacked once into
 * ${XDG_CACHE_HOME:-~/.cache}/aigency/chromium/<package version>/ and reused.
 *
 * We unpack them ourselves instead of calling the package's `executablePath()`, which always
 * unpacks into a shared /tmp/chromium (whatever version was there first wins) and only uses the
 * bundled libraries on Amazon Linux; a Debian machine without Chromium lacks libnss3.
 */
export interface PackagedChromium {
  version: string;
  executablePath: string;
  /** Environment the browser needs: its bundled libraries and a fontconfig file for its font. */
  env: Record<string, string>;
}

export function packagedChromiumCacheRoot(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cacheHome, "aigency", "chromium");
}

function packageDir(): string {
  // The package's exports only name its entry (build/index.js); the archives sit in ../bin.
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  return path.resolve(path.dirname(entry), "..");
}

function layout(dir: string, version: string): PackagedChromium {
  const libDir = path.join(dir, "lib");
  return {
    version,
    executablePath: path.join(dir, "chromium"),
    env: {
      LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
      FONTCONFIG_PATH: path.join(dir, "fontconfig"),
    },
  };
}

/** Unpacks the packaged browser (first call only, ~5 s) and returns where it is. */
export async function unpackPackagedChromium(cacheRoot = packagedChromiumCacheRoot()): Promise<PackagedChromium> {
  const pkg = packageDir();
  const { version } = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")) as { version: string };
  const dir = path.join(cacheRoot, version);
  if (fs.existsSync(path.join(dir, "chromium"))) return layout(dir, version);

  // Unpack beside the final directory and rename it into place: a crash never leaves half a
  // browser behind, and of two concurrent runs the second simply discards its copy.
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheRoot, `.${version}-`));
  try {
    const bin = path.join(pkg, "bin");
    await pipeline(
      fs.createReadStream(path.join(bin, "chromium.br")),
      zlib.createBrotliDecompress(),
      fs.createWriteStream(path.join(staging, "chromium"), { mode: 0o755 }),
    );
    for (const [archive, target] of [["al2023.tar.br", "."], ["fonts.tar.br", "fontconfig"]] as const) {
      fs.mkdirSync(path.join(staging, target), { recursive: true });
      await extractTar({ file: path.join(bin, archive), cwd: path.join(staging, target), brotli: true });
    }
    // The shipped fonts.conf points at Lambda's /tmp/fonts; ours points at the unpacked font.
    fs.writeFileSync(
      path.join(staging, "fontconfig", "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${path.join(dir, "fontconfig", "fonts")}</dir>\n  <cachedir>${path.join(dir, "fontconfig", "cache")}</cachedir>\n</fontconfig>\n`,
    );
    try {
      fs.renameSync(staging, dir);
    } catch (error) {
      if (!fs.existsSync(path.join(dir, "chromium"))) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return layout(dir, version);
}
