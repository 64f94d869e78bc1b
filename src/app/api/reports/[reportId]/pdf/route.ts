import { NextResponse } from "next/server";
import { requireViewer } from "@/server/auth/session";
import { getDeps } from "@/server/deps";
import { notFound } from "@/server/http";
import { loadReportPdf } from "@/server/reports/pdf-file";
import { isUuid } from "@/server/route-params";

/**
 * The report as a PDF, for members of its organization only (any other id is 404, whoever owns it).
 * Drawn from the stored figures on each download: one page, a few milliseconds, nothing to keep in sync.
 */
export async function GET(req: Request, ctx: { params: Promise<{ reportId: string }> }) {
  const viewer = await requireViewer(req.headers);
  if (viewer instanceof NextResponse) return viewer;
  const { reportId } = await ctx.params;
  // Not a UUID cannot name a report, and a NUL in it would make Postgres refuse the query (a 500).
  if (!isUuid(reportId)) return notFound("Report not found");
  const pdf = await loadReportPdf(await getDeps(), { organizationId: viewer.organizationId, reportId });
  if (!pdf) return notFound("Report not found");
  return new Response(Buffer.from(pdf.bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${pdf.filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
