import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { buildDevServerUi } from "./build-dev-server-ui.mjs";
import { runLogged } from "./run-logged.mjs";

const run = promisify(execFile);
const MODULE = "github.com/inngest/inngest";
const MIN_GO = [1, 26, 4]; // the `go` line of inngest v1.43.0's go.mod
const INSTALL_HINT =
  "Install Go >= 1.26.4 (https://go.dev/dl/) so the Dev Server can be built from source, " +
  "or run `npm i inngest-cli` on a machine that can download its release binary, " +
  "or point INNGEST_DEV_SERVER_BIN at an existing `inngest` binary.";

// The module download lacks the docs git submodule that this package embeds; only the Dev
// Server's MCP doc tools use it and they tolerate an error, so the build gets this stand-in.
const DOCS_SUBSTITUTE = `package embeddocs

import (
	"errors"
	"io/fs"
)

// GetDocsFS reports that the docs submodule is absent from a Go module download.
func GetDocsFS() (fs.FS, error) {
	return nil, errors.New("embedded docs are not available in this build")
}
`;

function wrapperGoMod(version) {
  // Repeats upstream's own replace (go refuses `go install` of a module that has one) and points
  // the module at a writable copy, because -overlay may not replace files inside GOMODCACHE.
  return `module aigency.local/inngest-dev-server

go ${MIN_GO.join(".")}

require ${MODULE} v${version}

replace github.com/tencentcloud/tencentcloud-sdk-go v3.0.82+incompatible => github.com/tencentcloud/tencentcloud-sdk-go v1.0.191

replace ${MODULE} => ./src
`;
}

function goEnv() {
  // GOTOOLCHAIN=local: never try to download another toolchain (no download host here).
  return { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: `${process.env.GOFLAGS ?? ""} -mod=mod`.trim() };
}

async function checkGo() {
  let stdout;
  try {
    ({ stdout } = await run("go", ["version"], { env: goEnv() }));
  } catch {
    throw new Error(`Go is not installed (no \`go\` on PATH). ${INSTALL_HINT}`);
  }
  const match = /go(\d+)\.(\d+)(?:\.(\d+))?/.exec(stdout);
  const found = match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : [0, 0, 0];
  const firstDiff = found.findIndex((part, i) => part !== MIN_GO[i]);
  if (firstDiff !== -1 && found[firstDiff] < MIN_GO[firstDiff]) throw new Error(`Go ${found.join(".")} is too old to build the Dev Server. ${INSTALL_HINT}`);
}

/** Copies a read-only module cache directory and makes the copy writable. */
function copyWritable(from, to) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  const makeWritable = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      fs.chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
      if (entry.isDirectory()) makeWritable(full);
    }
  };
  fs.chmodSync(to, 0o755);
  makeWritable(to);
}

const STEPS = 6;
/** "3/6": the build's steps are numbered so the progress lines say how far it got. */
const step = (n) => `${n}/${STEPS}`;

/**
 * Builds `inngest` for `version`, with its web UI embedded, into `output` (atomically) with a
 * wrapper module under `cacheDir/work`; every step's output goes to `cacheDir/work/build.log`.
 */
export async function buildDevServer({ version, cacheDir, output, log }) {
  await checkGo();
  const work = path.join(cacheDir, "work");
  fs.mkdirSync(work, { recursive: true });
  const logFile = path.join(work, "build.log");
  fs.writeFileSync(logFile, "");

  log(`[inngest-dev-server] ${step(1)} downloading ${MODULE}@v${version} through the Go module proxy`);
  const { stdout } = await run("go", ["mod", "download", "-json", `${MODULE}@v${version}`], {
    cwd: work,
    env: goEnv(),
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error) => {
    throw new Error(`go mod download failed: ${error.stdout || error.stderr || error.message}\n${INSTALL_HINT}`);
  });
  const { Dir: moduleDir } = JSON.parse(stdout);

  log(`[inngest-dev-server] ${step(2)} preparing the wrapper module`);
  const src = path.join(work, "src");
  copyWritable(moduleDir, src);
  fs.writeFileSync(path.join(work, "go.mod"), wrapperGoMod(version));
  fs.copyFileSync(path.join(src, "go.sum"), path.join(work, "go.sum"));
  const substitute = path.join(work, "embeddocs_substitute.go");
  fs.writeFileSync(substitute, DOCS_SUBSTITUTE);
  const overlay = path.join(work, "overlay.json");
  fs.writeFileSync(overlay, JSON.stringify({ Replace: { [path.join(src, "internal/embeddocs/docs.go")]: substitute } }));

  await buildDevServerUi({ src, logFile, log, step: (n) => step(n + 2) });

  log(`[inngest-dev-server] ${step(6)} compiling (a cold build takes several minutes on 2 cores; Go caches it afterwards)`);
  const partial = `${output}.partial-${process.pid}`;
  const ldflags = `-s -w -X ${MODULE}/pkg/inngest/version.Version=${version}`;
  await runLogged("go", ["build", `-overlay=${overlay}`, "-trimpath", "-ldflags", ldflags, "-o", partial, `${MODULE}/cmd`], {
    cwd: work,
    env: goEnv(),
    logFile,
    log,
    label: "compiling",
  });
  fs.renameSync(partial, output);
}
