import type { Field, PageContent } from "./offline-content";
import type { PlannedPage } from "./offline-tree";

/** Brief text goes into markup: every value is escaped, so an owner's "<" stays text. */
export function esc(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function navLinks(tree: PlannedPage[], current: PlannedPage): string {
  return tree
    .map((p) => `<a href="${p.route}"${p.pageId === current.pageId ? ' aria-current="page"' : ""}>${esc(p.name)}</a>`)
    .join("");
}

function fieldHtml(field: Field): string {
  const id = `f-${field.name}`;
  const control =
    field.type === "textarea"
      ? `<textarea id="${id}" name="${field.name}" rows="4"></textarea>`
      : `<input id="${id}" name="${field.name}" type="${field.type}"${field.type === "email" ? " required" : ""}>`;
  return `<label for="${id}">${esc(field.label)}</label>${control}`;
}

/** Forms name their action twice: data-action for the page agent, the API route for the browser. */
export function formHtml(form: NonNullable<PageContent["form"]>, className: string): string {
  return `<form class="${className}" data-action="${form.action}" method="post" action="/api/actions/${form.action}">${form.fields.map(fieldHtml).join("")}<button type="submit">${esc(form.submit)}</button></form>`;
}

export function documentHtml(opts: { title: string; css: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
<style>
${opts.css.trim()}
</style>
</head>
<body>
${opts.body.trim()}
</body>
</html>
`;
}
