// Stage "research": read the brand site and say what it sells, to whom, with what proof, colours and voice.
import { paletteFromName } from "./colours.mjs";
import { extractFacts, linkedStylesheets } from "./extract.mjs";
import { fetchPage } from "./fetch-site.mjs";
import { AgentError, readRules, templateRequire, toJsonText, writeOut } from "./io.mjs";
import { askModelForJson, hasModel } from "./model.mjs";
import { OFFLINE_LABEL, offlineResearch } from "./offline-research.mjs";
import { validateResearch } from "./validate.mjs";

const PAGE_TEXT_FOR_MODEL = 12_000;

async function readBrandSite(brandUrl) {
  if (typeof brandUrl !== "string" || brandUrl === "") throw new AgentError("input.json has no brandUrl.");
  const { parse } = templateRequire()("node-html-parser");
  const page = await fetchPage(brandUrl);
  const root = parse(page.html);
  const linkedCss = [];
  // Linked stylesheets only add colours; a missing one is no reason to fail the research.
  for (const href of linkedStylesheets(root, page.url)) {
    const css = await fetchPage(href, { cap: 512 * 1024 }).catch(() => null);
    if (css) linkedCss.push(css.html);
  }
  return { url: page.url, facts: extractFacts(root, { linkedCss }) };
}

async function researchWithModel(input, facts) {
  const rules = await readRules(["research.md", "brand-voice.md"]);
  const user = [
    `Brand: ${input.brandName}`,
    `Page title: ${facts.title}`,
    `Meta description: ${facts.description}`,
    `Headings: ${facts.headings.join(" | ")}`,
    `Prices and offers seen: ${facts.offers.join(" | ") || "none"}`,
    `Testimonials seen: ${facts.testimonials.join(" | ") || "none"}`,
    "Visible page text:",
    facts.text.slice(0, PAGE_TEXT_FOR_MODEL),
  ].join("\n");
  const system = `Task: research.\nYou study a brand's web page for an ad agency. Answer with one JSON object only:
{"offer": string, "audience": string, "proofPoints": string[], "tone": string}. Use only what the page says.\n\n${rules}`;
  return askModelForJson({ what: "research", system, user, validate: validateResearch });
}

function researchMarkdown(research, { brandName, url, generatorLine }) {
  const list = (items) => (items.length ? items.map((item) => `- ${item}`).join("\n") : "- (none found on the page)");
  return [
    `# Research: ${brandName}`,
    "",
    `Source: ${research.sourceTitle || "(untitled page)"} — ${url}`,
    `Generator: ${generatorLine}`,
    "",
    "## Offer",
    research.offer,
    "",
    "## Audience",
    research.audience,
    "",
    "## Proof points",
    list(research.proofPoints),
    "",
    "## Colours",
    list(research.colours),
    "",
    "## Tone",
    research.tone,
    "",
  ].join("\n");
}

export async function runResearch(input) {
  const { url, facts } = await readBrandSite(input.brandUrl);
  // Colours and the title are measured on the page, never asked of the model: it would guess.
  const measured = {
    colours: facts.colours.length > 0 ? facts.colours : paletteFromName(input.brandName),
    sourceTitle: facts.title,
  };
  let summary = offlineResearch(input, facts);
  let usage = { inputTokens: 0, outputTokens: 0 };
  let generatorLine = OFFLINE_LABEL;
  if (hasModel()) {
    const answer = await researchWithModel(input, facts);
    summary = answer.value;
    usage = { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens };
    generatorLine = "anthropic (model)";
  }
  const research = { ...summary, ...measured, generator: generatorLine };
  const files = [
    await writeOut("research.json", toJsonText(research)),
    await writeOut("research.md", researchMarkdown(research, { brandName: input.brandName, url, generatorLine })),
  ];
  return { files, ...usage, generator: hasModel() ? "anthropic" : "offline" };
}
