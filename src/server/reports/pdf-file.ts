import { loadProjectName } from "@/server/campaigns/notify";
import type { Deps } from "@/server/deps";
import { getWeeklyReport } from "./load";
import { renderReportPdf } from "./pdf";

/**
 * A stored report as a PDF file, for the report's own organization only (null otherwise): what
 * `GET /api/reports/:id/pdf` and the workspace panel's download both answer.
 */
export async function loadReportPdf(deps: Deps, opts: { organizationId: string; reportId: string }): Promise<{ bytes: Uint8Array; filename: string } | null> {
  const report = await getWeeklyReport(deps.db, opts);
  if (!report) return null;
  const bytes = await renderReportPdf({ ...report, projectName: await loadProjectName(deps, report.projectId) });
  return { bytes, filename: `weekly-report-${report.weekEnding}.pdf` };
}
