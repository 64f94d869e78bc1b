import { readFileSync } from "node:fs";
import { previewToPage } from "@/server/appgen/agents/convert/preview-to-page";
const html = readFileSync(process.argv[2]!, "utf8");
const out = previewToPage({ page: { pageId: "about", name: "About", selectedPreviewHtml: html, actions: ["contact"] }, routes: ["/", "/about", "/pricing"], actions: ["signup", "contact"] });
console.log(out.source); console.log(out.notes);
