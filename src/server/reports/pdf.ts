import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { ReportFigures } from "@/server/db/schema";
import { formatMoney } from "@/server/campaigns/currency";
import { buildReportCard } from "./card";
import { currencySymbol } from "./summary-check";

const INK = rgb(0.07, 0.09, 0.15);
const MUTED = rgb(0.42, 0.45, 0.5);
const GOOD = rgb(0.02, 0.47, 0.34);
const BAD = rgb(0.73, 0.11, 0.11);
const BAR = rgb(0.31, 0.27, 0.9);
const MARGIN = 50;

/**
 * The standard fonts write WinAnsi only ($ € £ ¥ are in it, ₹ or ₩ are not): a currency sign the font
 * cannot write becomes its ISO code, anything else unwritable a "?", rather than failing the download.
 */
function writable(font: PDFFont, currency: string) {
  const chars = new Set(font.getCharacterSet());
  const ok = (s: string) => [...s].every((c) => chars.has(c.codePointAt(0)!));
  const symbol = currencySymbol(currency);
  return (text: string) => {
    const swapped = ok(symbol) ? text : text.split(symbol).join(`${currency} `);
    return [...swapped].map((c) => (ok(c) ? c : c === "\u202f" || c === "\u00a0" ? " " : "?")).join("");
  };
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Spend per day as bars, with each day's results above its bar. */
function drawChart(page: PDFPage, opts: { x: number; y: number; width: number; height: number; font: PDFFont; figures: ReportFigures; safe: (s: string) => string }) {
  const { x, y, width, height, font, figures, safe } = opts;
  const max = Math.max(1, ...figures.days.map((d) => d.spendCents));
  const slot = width / figures.days.length;
  figures.days.forEach((d, i) => {
    const h = (d.spendCents / max) * (height - 30);
    const bx = x + i * slot + slot * 0.2;
    page.drawRectangle({ x: bx, y: y + 14, width: slot * 0.6, height: Math.max(h, 0.5), color: BAR });
    const day = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" }).format(new Date(`${d.date}T00:00:00Z`));
    page.drawText(day, { x: bx, y, size: 8, font, color: MUTED });
    page.drawText(safe(formatMoney(d.spendCents, figures.currency)), { x: bx, y: y + 18 + h, size: 7, font, color: MUTED });
  });
}

/** The report as a one-page PDF: the same card strings (figures, trends, summary) the chat and the email show. */
export async function renderReportPdf(r: { id: string; campaignId: string; week: number; figures: ReportFigures; summary: string; projectName: string }): Promise<Uint8Array> {
  const card = buildReportCard(r);
  const doc = await PDFDocument.create();
  doc.setTitle(`Weekly report: ${card.weekLabel}`);
  doc.setProducer("Aigency");
  doc.setCreationDate(new Date(`${r.figures.weekEnding}T00:00:00Z`));
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const safe = writable(font, r.figures.currency);
  const width = page.getWidth() - 2 * MARGIN;
  let y = page.getHeight() - MARGIN;
  const text = (s: string, o: { size?: number; f?: PDFFont; x?: number; color?: ReturnType<typeof rgb> } = {}) =>
    page.drawText(safe(s), { x: o.x ?? MARGIN, y, size: o.size ?? 11, font: o.f ?? font, color: o.color ?? INK });

  text(r.projectName, { size: 10, color: MUTED });
  y -= 26;
  text(`Weekly report, week ${r.week}`, { size: 20, f: bold });
  y -= 18;
  text(card.weekLabel, { size: 11, color: MUTED });
  y -= 30;
  for (const line of wrap(safe(r.summary), font, 11, width)) {
    text(line);
    y -= 15;
  }
  y -= 15;
  const cols = [MARGIN, MARGIN + 170, MARGIN + 290, MARGIN + 410];
  ["", "This week", "Week before", "Trend"].forEach((h, i) => text(h, { size: 9, f: bold, x: cols[i], color: MUTED }));
  y -= 18;
  for (const m of card.metrics) {
    text(m.label, { x: cols[0] });
    text(m.value, { x: cols[1], f: bold });
    text(m.previous ?? "none", { x: cols[2], color: MUTED });
    text(m.trend.text, { x: cols[3], color: m.better === null ? MUTED : m.better ? GOOD : BAD });
    y -= 20;
  }
  y -= 20;
  text("Spend per day", { size: 9, f: bold, color: MUTED });
  y -= 150;
  drawChart(page, { x: MARGIN, y, width, height: 140, font, figures: r.figures, safe });
  y -= 30;
  for (const line of wrap(`Trends compare with the 7 days before. ${card.note}`, font, 8, width)) {
    text(line, { size: 8, color: MUTED });
    y -= 11;
  }
  return doc.save();
}
