import { makeTemplateDir, removeRoot, tempRoot } from "./agent-harness";
import { type BrandSite, startBrandSite } from "./brand-site";

export interface AgentWorld {
  root: string;
  templateDir: string;
  site: BrandSite;
  stop: () => Promise<void>;
}

/** A temp root with a template dir and the local brand site: what every agent test file starts from. */
export async function startAgentWorld(): Promise<AgentWorld> {
  const root = await tempRoot();
  const templateDir = await makeTemplateDir(root);
  const site = await startBrandSite();
  return {
    root,
    templateDir,
    site,
    stop: async () => {
      await site.close();
      await removeRoot(root);
    },
  };
}
