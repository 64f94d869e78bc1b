import type { BusinessFacts } from "./brief";
import type { PageContent } from "./offline-content";
import { documentHtml, esc, formHtml, navLinks } from "./offline-html";
import type { PlannedPage } from "./offline-tree";

export interface LayoutInput {
  facts: BusinessFacts;
  tree: PlannedPage[];
  page: PlannedPage;
  content: PageContent;
  /** [primary, accent, ink, paper] */
  palette: [string, string, string, string];
}

export interface Layout {
  label: string;
  render: (input: LayoutInput) => string;
}

const title = (i: LayoutInput) => `${i.page.name} · ${i.facts.name}`;
const formOf = (i: LayoutInput, cls: string) => (i.content.form ? formHtml(i.content.form, cls) : "");

/** Full-bleed primary hero, heavy sans type, bands of points: loud, for ads that promise one thing. */
const boldHero: Layout = {
  label: "Bold hero",
  render: (i) => {
    const [primary, accent, ink, paper] = i.palette;
    const css = `
*{box-sizing:border-box}body{margin:0;font-family:"Helvetica Neue",Arial,system-ui,sans-serif;color:${ink};background:${paper}}
header{display:flex;justify-content:space-between;align-items:center;padding:20px 6vw;background:${primary};color:#fff}
header strong{font-size:20px;letter-spacing:.04em;text-transform:uppercase}nav a{color:#fff;margin-left:24px;text-decoration:none;font-weight:700;text-transform:uppercase;font-size:13px}
nav a[aria-current]{border-bottom:3px solid ${accent}}
.hero{background:linear-gradient(135deg,${primary} 0%,${ink} 100%);color:#fff;padding:96px 6vw 112px}
.hero h1{font-size:clamp(40px,7vw,84px);line-height:1;margin:0 0 24px;font-weight:900;max-width:14ch}
.hero p{font-size:20px;max-width:52ch;opacity:.9}
.band{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr))}
.band div{padding:40px 6vw;border-top:6px solid ${accent}}.band div:nth-child(even){background:${ink};color:#fff}
.band h2{margin:0 0 8px;font-size:24px;text-transform:uppercase}
.action{padding:56px 6vw;background:${accent};color:${ink}}.action form{display:grid;gap:10px;max-width:480px}
label{font-weight:700}input,textarea{padding:14px;border:3px solid ${ink};font-size:16px}
button{padding:16px 28px;background:${ink};color:#fff;border:0;font-weight:900;font-size:18px;text-transform:uppercase}
footer{padding:24px 6vw;background:${ink};color:#fff}
@media(max-width:640px){header{flex-direction:column;gap:12px}nav a{margin:0 8px}}`;
    const body = `
<header><strong>${esc(i.facts.name)}</strong><nav>${navLinks(i.tree, i.page)}</nav></header>
<main>
<section class="hero"><h1>${esc(i.content.heading)}</h1><p>${esc(i.content.lead)}</p></section>
<section class="band">${i.content.points.map((p) => `<div><h2>${esc(p.title)}</h2><p>${esc(p.text)}</p></div>`).join("")}</section>
${i.content.form ? `<section class="action"><h2>${esc(i.content.form.submit)}</h2>${formOf(i, "bold-form")}</section>` : ""}
</main>
<footer>${esc(i.facts.name)} · ${esc(i.facts.location)}</footer>`;
    return documentHtml({ title: title(i), css, body });
  },
};

/** Two columns on paper, a serif voice, numbered notes: reads like a magazine page. */
const splitEditorial: Layout = {
  label: "Split editorial",
  render: (i) => {
    const [primary, accent, ink] = i.palette;
    const css = `
*{box-sizing:border-box}body{margin:0;font-family:Georgia,"Times New Roman",serif;color:${ink};background:#f7f3ec}
header{display:flex;justify-content:space-between;align-items:baseline;padding:28px 8vw;border-bottom:1px solid ${ink}}
header strong{font-size:28px;font-style:italic}nav a{color:${ink};margin-left:20px;font-variant:small-caps;letter-spacing:.08em;text-decoration:none}
nav a[aria-current]{color:${primary};text-decoration:underline}
.split{display:grid;grid-template-columns:5fr 7fr;gap:6vw;padding:64px 8vw}
.split h1{font-size:clamp(34px,5vw,60px);line-height:1.05;font-weight:400;margin:0;color:${primary}}
.lead{font-size:22px;line-height:1.5;margin-top:0}
ol{list-style:none;counter-reset:n;padding:0}li{counter-increment:n;border-top:1px solid ${ink};padding:18px 0 18px 56px;position:relative}
li::before{content:counter(n,decimal-leading-zero);position:absolute;left:0;top:18px;color:${accent};font-size:24px}
li h2{font-size:20px;margin:0 0 4px;font-weight:700}
.editorial-form{display:grid;gap:8px;margin-top:32px;padding:24px;border:1px solid ${ink};background:#fffdf8}
input,textarea{font:inherit;padding:10px;border:0;border-bottom:1px solid ${ink};background:transparent}
button{justify-self:start;padding:12px 24px;font:inherit;font-style:italic;background:${primary};color:#fff;border:0;border-radius:999px}
footer{padding:24px 8vw;border-top:1px solid ${ink};font-style:italic}
@media(max-width:720px){.split{grid-template-columns:1fr}header{flex-direction:column}}`;
    const body = `
<header><strong>${esc(i.facts.name)}</strong><nav>${navLinks(i.tree, i.page)}</nav></header>
<main class="split">
<div><h1>${esc(i.content.heading)}</h1></div>
<div><p class="lead">${esc(i.content.lead)}</p>
<ol>${i.content.points.map((p) => `<li><h2>${esc(p.title)}</h2><p>${esc(p.text)}</p></li>`).join("")}</ol>
${formOf(i, "editorial-form")}</div>
</main>
<footer>${esc(i.facts.name)}, ${esc(i.facts.location)}</footer>`;
    return documentHtml({ title: title(i), css, body });
  },
};

/** White space, a centred column and a grid of quiet cards: calm, for a considered purchase. */
const minimalCards: Layout = {
  label: "Minimal card grid",
  render: (i) => {
    const [primary, accent, ink] = i.palette;
    const css = `
*{box-sizing:border-box}body{margin:0;font-family:"Inter","Segoe UI",system-ui,sans-serif;color:${ink};background:#fff}
header{max-width:960px;margin:0 auto;padding:32px 24px;text-align:center}
header strong{display:block;font-family:ui-monospace,"SFMono-Regular",Menlo,monospace;font-size:15px;letter-spacing:.2em;text-transform:lowercase;color:${primary}}
nav{margin-top:16px}nav a{color:${ink};margin:0 12px;text-decoration:none;font-size:14px;opacity:.7}nav a[aria-current]{opacity:1;font-weight:600}
.intro{max-width:640px;margin:32px auto 48px;padding:0 24px;text-align:center}
.intro h1{font-size:clamp(28px,4vw,44px);font-weight:600;letter-spacing:-.02em;margin:0 0 12px}
.intro p{color:#555;font-size:18px;line-height:1.6}
.cards{max-width:960px;margin:0 auto;padding:0 24px 48px;display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:20px}
.card{border:1px solid #e6e6e6;border-top:3px solid ${accent};border-radius:14px;padding:24px;box-shadow:0 8px 24px rgba(0,0,0,.05)}
.card h2{font-size:17px;margin:0 0 8px}.card p{margin:0;color:#555}
.card-form{max-width:420px;margin:0 auto 64px;padding:28px;display:grid;gap:10px;border-radius:14px;background:#fafafa}
input,textarea{padding:12px;border:1px solid #ddd;border-radius:10px;font:inherit}
button{padding:12px;border:0;border-radius:10px;background:${primary};color:#fff;font:inherit;font-weight:600}
footer{text-align:center;padding:24px;color:#888;font-size:13px}`;
    const body = `
<header><strong>${esc(i.facts.name)}</strong><nav>${navLinks(i.tree, i.page)}</nav></header>
<main>
<section class="intro"><h1>${esc(i.content.heading)}</h1><p>${esc(i.content.lead)}</p></section>
<section class="cards">${i.content.points.map((p) => `<article class="card"><h2>${esc(p.title)}</h2><p>${esc(p.text)}</p></article>`).join("")}</section>
${formOf(i, "card-form")}
</main>
<footer>${esc(i.facts.name)} — ${esc(i.facts.location)}</footer>`;
    return documentHtml({ title: title(i), css, body });
  },
};

export const OFFLINE_LAYOUTS: readonly Layout[] = [boldHero, splitEditorial, minimalCards];
