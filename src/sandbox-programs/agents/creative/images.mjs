// Stage "images": a PNG per hook and size. plan.images as a list renders only those hooks' images.
import { readResearch } from "./hooks.mjs";
import { IMAGE_SIZES, readOutJson, templateRequire, writeOut } from "./io.mjs";
import { hookNumbersToRedo, readHooks } from "./prompts.mjs";
import { createCanvasRenderer } from "./render-card.mjs";

export async function runImages(input, { renderer = createCanvasRenderer(templateRequire()) } = {}) {
  const research = await readResearch();
  const hooks = await readHooks();
  const prompts = (await readOutJson("image-prompts.json")) ?? [];
  const promptFor = (hookNumber, size) =>
    (Array.isArray(prompts) ? prompts : []).find((p) => p.hookNumber === hookNumber && p.size === size)?.prompt ?? null;
  const files = [];
  for (const number of hookNumbersToRedo(input.plan, hooks)) {
    const hook = hooks.find((h) => h.number === number);
    for (const size of IMAGE_SIZES) {
      const png = await renderer.render({
        hook,
        size,
        prompt: promptFor(number, size),
        colours: research.colours,
        brandName: input.brandName,
      });
      files.push(await writeOut(`images/hook-${number}-${size}.png`, png));
    }
  }
  // Drawn locally from the brand's colours and the hook text: no model is involved in this stage.
  return { files, generator: "offline" };
}
