import { createHash } from "node:crypto";
import { Image } from "@daytonaio/sdk";
import { DAYTONA_TEMPLATES_ROOT } from "../templates";
import type { TemplateSource } from "../template-source";

/** The non-root user every command in the snapshot runs as (node:20-slim's own `node` user is left alone). */
export const SANDBOX_USER = "aigency";
export const SANDBOX_HOME = `/home/${SANDBOX_USER}`;

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * Writes a template's files into the image from the recipe itself (base64), instead of `addLocalDir`:
 * the SDK would put this machine's absolute path in the Dockerfile and upload a context archive, so the
 * same templates would hash differently per checkout, and the server would need the source tree on disk.
 */
function bakeTemplateFiles(source: TemplateSource): string {
  const dir = `${DAYTONA_TEMPLATES_ROOT}/${source.config.name}`;
  const dirs = new Set([dir, ...source.files.map((f) => `${dir}/${f.path}`.replace(/\/[^/]+$/, ""))]);
  const writes = source.files.map(
    (f) => `echo ${f.content.toString("base64")} | base64 -d > ${q(`${dir}/${f.path}`)}`,
  );
  return [`mkdir -p ${[...dirs].sort().map(q).join(" ")}`, ...writes].join(" && ");
}

function installCommand(source: TemplateSource): string {
  const dir = `${DAYTONA_TEMPLATES_ROOT}/${source.config.name}`;
  const install = source.hasLockfile ? "npm ci --omit=dev" : "npm install --omit=dev";
  return `cd ${q(dir)} && ${install} --no-audit --no-fund && npm cache clean --force`;
}

export interface DaytonaRecipe {
  image: Image;
  /** sha256 of the Dockerfile, which spells out every package, command and template file. */
  hash: string;
  snapshotName: string;
}

/** The declarative image the agents run in: Node 20, git, the templates installed, a non-root user. */
export function daytonaRecipe(sources: TemplateSource[]): DaytonaRecipe {
  let image = Image.base("node:20-slim").runCommands(
    "apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*",
    `useradd --create-home --shell /bin/bash ${SANDBOX_USER}`,
  );
  // Templates stay root-owned: agents read them through AIGENCY_TEMPLATE_DIR and work in their own home.
  for (const source of sources) image = image.runCommands(bakeTemplateFiles(source), installCommand(source));
  image = image
    .env({ AIGENCY_TEMPLATES_ROOT: DAYTONA_TEMPLATES_ROOT, NODE_ENV: "production" })
    .dockerfileCommands([`USER ${SANDBOX_USER}`])
    .workdir(SANDBOX_HOME);
  const hash = createHash("sha256").update(image.dockerfile).digest("hex");
  return { image, hash, snapshotName: `aigency-agents-${hash.slice(0, 12)}` };
}
