import type { InngestFunction } from "inngest";
import { replyAsAgent } from "./agent/reply-as-agent";
import { findDueAgentSchedules } from "./agent-tasks/find-due-agent-schedules";
import { submitScheduledAgentIssue } from "./agent-tasks/submit-scheduled-agent-issue";
import { analyzeAgentFeedback } from "./agent-tasks/analyze-agent-feedback";
import { requestAgentImprovements } from "./agent-tasks/request-agent-improvements";
import { proposeAppDesign } from "./appgen/propose-app-design";
import { admitAppgenJobs } from "./appgen/admit-appgen-jobs";
import { pruneAppgenArtifacts } from "./appgen/prune-appgen-artifacts";
import { cleanUpAppgenJob } from "./appgen/clean-up-appgen-job";
import { finishAppgenJob } from "./appgen/finish-appgen-job";
import { generateAppgenPage } from "./appgen/generate-appgen-page";
import { integrateAppgenJob } from "./appgen/integrate-appgen-job";
import { packageAppgenJob } from "./appgen/package-appgen-job";
import { startAppgenJob } from "./appgen/start-appgen-job";
import { validateAppgenJob } from "./appgen/validate-appgen-job";
import { watchAppgenJobDeadline } from "./appgen/watch-appgen-job-deadline";
import { awaitPlanApproval } from "./campaign/await-plan-approval";
import { cleanupCampaign } from "./campaign/cleanup-campaign";
import { classifyAgentIssue } from "./agent-tasks/classify-agent-issue";
import { recordAgentTaskCancellation } from "./agent-tasks/record-agent-task-cancellation";
import { runAgentJob } from "./agent-tasks/run-agent-job";
import { generateCreativeVersion } from "./creative/generate-creative-version";
import { recordCreativeCancellation } from "./creative/record-creative-cancellation";
import { deployCampaign } from "./campaign/deploy-campaign";
import { generateCampaignPlan } from "./campaign/generate-campaign-plan";
import { pauseReplacedCampaign } from "./campaign/pause-replaced-campaign";
import { resumeDeployAfterReconnect } from "./campaign/resume-after-reconnect";
import { reencryptTokens } from "./facebook/reencrypt-tokens";
import { refreshToken } from "./facebook/refresh-token";
import { refreshTokens } from "./facebook/refresh-tokens";
import { publishNotification } from "./notifications/publish-notification";
import { detectSignificantChanges } from "./performance/detect-significant-changes";
import { fanOutPerformanceSweep } from "./performance/fan-out-performance-sweep";
import { pullAccountSnapshots } from "./performance/pull-account-snapshots";
import { refreshCampaignSnapshots } from "./performance/refresh-campaign-snapshots";
import { requestPerformanceSweep } from "./performance/request-performance-sweep";
import { applyOptimizationAction } from "./optimization/apply-optimization-action";
import { awaitActionApproval } from "./optimization/await-action-approval";
import { evaluateOptimizations } from "./optimization/evaluate-optimizations";
import { measureActionImpact } from "./optimization/measure-action-impact";
import { replyToMessage } from "./onboarding/reply-to-message";
import { buildSandboxSnapshotFn } from "./sandbox/build-sandbox-snapshot";
import { refreshSandboxTemplate } from "./sandbox/refresh-sandbox-template";
import { refreshSandboxTemplates } from "./sandbox/refresh-sandbox-templates";
import { buildWeeklyReport } from "./reports/build-weekly-report";
import { requestWeeklyReports } from "./reports/request-weekly-reports";
import { deliverSimulatedWebhooksFn } from "./webhooks/deliver-simulated-webhooks";
import { handleLeadgen } from "./webhooks/handle-leadgen";
import { handleAdReview } from "./webhooks/handle-ad-review";
import { handleOutsideStatusChange } from "./webhooks/handle-outside-status-change";
import { handleAdAccountStatus } from "./webhooks/handle-ad-account-status";
import { purgeOldDeliveries } from "./webhooks/purge-old-deliveries";
import { recordWebhookDelivery } from "./webhooks/record-delivery";
import { subscribeWebhooks } from "./webhooks/subscribe-webhooks";
import { warnNearUsageBudgets } from "./usage/warn-near-usage-budgets";

/** The one list the serve route registers. Add a function here in the same commit that adds its file. */
export const functions: InngestFunction.Any[] = [
  findDueAgentSchedules,
  submitScheduledAgentIssue,
  generateCampaignPlan,
  awaitPlanApproval,
  deployCampaign,
  pauseReplacedCampaign,
  cleanupCampaign,
  resumeDeployAfterReconnect,
  replyToMessage,
  replyAsAgent,
  requestAgentImprovements,
  analyzeAgentFeedback,
  refreshTokens,
  refreshToken,
  reencryptTokens,
  publishNotification,
  detectSignificantChanges,
  requestPerformanceSweep,
  fanOutPerformanceSweep,
  pullAccountSnapshots,
  refreshCampaignSnapshots,
  evaluateOptimizations,
  awaitActionApproval,
  applyOptimizationAction,
  measureActionImpact,
  deliverSimulatedWebhooksFn,
  handleLeadgen,
  handleAdReview,
  handleOutsideStatusChange,
  handleAdAccountStatus,
  recordWebhookDelivery,
  purgeOldDeliveries,
  subscribeWebhooks,
  requestWeeklyReports,
  buildWeeklyReport,
  generateCreativeVersion,
  recordCreativeCancellation,
  buildSandboxSnapshotFn,
  refreshSandboxTemplates,
  refreshSandboxTemplate,
  proposeAppDesign,
  admitAppgenJobs,
  pruneAppgenArtifacts,
  startAppgenJob,
  generateAppgenPage,
  integrateAppgenJob,
  validateAppgenJob,
  packageAppgenJob,
  finishAppgenJob,
  cleanUpAppgenJob,
  watchAppgenJobDeadline,
  classifyAgentIssue,
  runAgentJob,
  recordAgentTaskCancellation,
  warnNearUsageBudgets,
];
