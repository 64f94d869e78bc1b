import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseInput,
  makeWorkDir,
  readOutJson,
  runStage,
} from "./support/agent-harness";
import type { BrandSite } from "./support/brand-site";
import { type AgentWorld, startAgentWorld } from "./support/agent-world";

// Every failure ends with one AIGENCY_ERROR sentence as the last line and a non-zero exit.
let root: string;
let templateDir: string;
let site: BrandSite;
let world: AgentWorld;

beforeAll(async () => {
  world = await startAgentWorld();
  ({ root, templateDir, site } = world);
});
afterAll(async () => {
  await world.stop();
});

async function closedPortUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

async function research(name: string, brandUrl: string) {
  const dir = await makeWorkDir(root, name, baseInput(brandUrl));
  return { dir, run: await runStage(dir, "research", { templateDir }) };
}

describe("brand site failures", () => {
  it("reports an unreachable site", async () => {
    const url = await closedPortUrl();
    const { run } = await research("unreachable", url);
    expect(run.code).not.toBe(0);
    expect(run.result).toBeNull();
    expect(run.error).toBe(`Could not reach the brand site ${new URL(url).host} (ECONNREFUSED).`);
  });

  it.each([
    ["/missing", "answered HTTP 404."],
    ["/broken", "answered HTTP 500."],
    ["/loop0", "redirected more than 3 times."],
  ])("reports %s as an error, not as research", async (path, ending) => {
    const { run } = await research(`status${path.replace(/\W/g, "-")}`, site.url(path));
    expect(run.code).not.toBe(0);
    expect(run.result).toBeNull();
    expect(run.error).toBe(`The brand site ${new URL(site.url()).host} ${ending}`);
  });

  it("refuses a URL that is not http or https", async () => {
    const { run } = await research("file-url", "file:///etc/passwd");
    expect(run.code).not.toBe(0);
    expect(run.error).toBe("The brand site may only be fetched over http or https, not file.");
  });

  it("refuses a redirect to a scheme that is not http or https", async () => {
    const { run } = await research("to-ftp", site.url("/to-ftp"));
    expect(run.code).not.toBe(0);
    expect(run.error).toBe("The brand site may only be fetched over http or https, not ftp.");
  });

  it("reads the first 2 MB of a larger page instead of failing", async () => {
    const { dir, run } = await research("huge", site.url("/huge"));
    expect(run.code).toBe(0);
    expect((await readOutJson<{ offer: string }>(dir, "research.json")).offer).toBe("Save 30% on every order today.");
  });

  it("follows a redirect to the page", async () => {
    const { dir, run } = await research("moved", site.url("/moved"));
    expect(run.code).toBe(0);
    expect((await readOutJson<{ offer: string }>(dir, "research.json")).offer).toContain("20% off");
  });
});

describe("pages and inputs without what the agent needs", () => {
  it("falls back to a palette derived from the brand name when the page has no colours", async () => {
    const first = await research("plain-a", site.url("/plain"));
    const second = await research("plain-b", site.url("/plain"));
    const colours = (await readOutJson<{ colours: string[] }>(first.dir, "research.json")).colours;
    expect(colours).toHaveLength(3);
    expect(colours.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
    expect((await readOutJson<{ colours: string[] }>(second.dir, "research.json")).colours).toEqual(colours);
  });

  it("puts the page's declared theme colour first", async () => {
    const { dir } = await research("themed", site.url("/themed"));
    expect((await readOutJson<{ colours: string[] }>(dir, "research.json")).colours).toEqual(["#5f3dc4", "#d9480f"]);
  });

  it("refuses to write hooks before there is research to write them from", async () => {
    const dir = await makeWorkDir(root, "no-research", baseInput(site.url()));
    const run = await runStage(dir, "hooks", { templateDir });
    expect(run.code).not.toBe(0);
    expect(run.error).toBe("out/research.json is missing: the research stage must run (or be reused) first.");
  });

  it("refuses an unknown stage and a hookCount out of range", async () => {
    const dir = await makeWorkDir(root, "bad-stage", baseInput(site.url(), { hookCount: 11 }));
    const unknown = await runStage(dir, "publish" as never, { templateDir });
    expect(unknown.error).toBe('Unknown stage "publish": use research, hooks, image-prompts or images.');
    const tooMany = await runStage(dir, "research", { templateDir });
    expect(tooMany.code).not.toBe(0);
    expect(tooMany.error).toBe("input.json hookCount must be a whole number from 1 to 10.");
  });
});
