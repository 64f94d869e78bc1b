// Zips workspace/ into .agent/out/app.zip: no installed packages, build output or git history; file
// modes kept (run-app.sh stays executable); a symlink pointing out of the tree refuses the whole ZIP.
import { createWriteStream, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Buffer } from "node:buffer";
import console from "node:console";
import process from "node:process";

const template = process.env.AIGENCY_TEMPLATE_DIR ?? "";
const require = createRequire(path.join(template || process.cwd(), "node_modules", "noop.js"));
const yazl = require("yazl");

const workspace = path.resolve("workspace");
const out = path.resolve(".agent/out/app.zip");
const EXCLUDED = new Set(["node_modules", ".next", "out", "dist", "build", ".git", ".turbo", ".vercel"]);
const zip = new yazl.ZipFile();
let entries = 0;

function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const rel = path.relative(workspace, full).split(path.sep).join("/");
    if (EXCLUDED.has(name) && dir === workspace) continue;
    if (name === "node_modules" || name === ".git") continue;
    const info = lstatSync(full);
    if (info.isSymbolicLink()) {
      const target = readlinkSync(full);
      const resolved = path.resolve(path.dirname(full), target);
      if (path.isAbsolute(target) || !resolved.startsWith(workspace + path.sep)) {
        console.error(`package: refused: ${rel} is a link to outside the app (${target})`);
        process.exit(3);
      }
      zip.addBuffer(Buffer.from(target), rel, { mode: 0o120777, mtime: info.mtime });
    } else if (info.isDirectory()) {
      walk(full);
    } else if (info.isFile()) {
      zip.addBuffer(readFileSync(full), rel, { mode: 0o100000 | (statSync(full).mode & 0o777), mtime: info.mtime });
    } else continue;
    entries += 1;
  }
}

walk(workspace);
mkdirSync(path.dirname(out), { recursive: true });
zip.outputStream.pipe(createWriteStream(out)).on("close", () => {
  console.log(JSON.stringify({ ok: true, path: ".agent/out/app.zip", entries, bytes: statSync(out).size }));
});
zip.end();
