import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnv } from "@/env";
import { checkTemplateName, localTemplateDir, localTemplatesRoot } from "@/server/services/sandbox/local-templates";

const saved = process.env.DATA_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = saved;
  resetEnv();
});

describe("local template directories", () => {
  it("live under <DATA_DIR>/sandbox-templates, resolved against the working directory", () => {
    delete process.env.DATA_DIR;
    resetEnv();
    expect(localTemplateDir("creative-agent")).toBe(path.resolve(".data", "sandbox-templates", "creative-agent"));
    process.env.DATA_DIR = "var/aigency";
    resetEnv();
    expect(localTemplatesRoot()).toBe(path.resolve("var/aigency/sandbox-templates"));
    expect(localTemplateDir("app-starter", { DATA_DIR: "/srv/data" })).toBe("/srv/data/sandbox-templates/app-starter");
  });

  it.each(["", "../etc", "a/b", "Creative", ".hidden", "a..b", "-x"])("refuses the name %j", (name) => {
    expect(() => checkTemplateName(name)).toThrow(/Invalid sandbox template name/);
  });

  it("accepts plain names", () => {
    expect(checkTemplateName("creative-agent")).toBe("creative-agent");
    expect(checkTemplateName("app_starter.v2")).toBe("app_starter.v2");
  });
});
