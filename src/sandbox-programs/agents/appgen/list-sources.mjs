// Prints the app's source files (what the fixer may read), newest concerns first, as a JSON list of paths.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import console from "node:console";

const workspace = path.resolve("workspace");
const SKIP = new Set(["node_modules", ".next", "out", ".git"]);
const SOURCE = /\.(tsx?|jsx?|mjs|cjs|css|json|md)$/;
const MAX_FILE_BYTES = 64 * 1024;
const found = [];

function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    const info = statSync(full, { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isDirectory()) walk(full);
    else if (info.isFile() && SOURCE.test(name) && info.size <= MAX_FILE_BYTES) found.push(path.relative(workspace, full).split(path.sep).join("/"));
  }
}
walk(workspace);
console.log(JSON.stringify(found));
