import type { ComponentType } from "react";
import { ActionApprovalNeededEmail, actionApprovalNeededSubject } from "./action-approval-needed";
import { AdAccountStatusEmail, adAccountStatusSubject } from "./ad-account-status";
import { ApprovalNeededEmail, approvalNeededSubject } from "./approval-needed";
import { CampaignLiveEmail, campaignLiveSubject } from "./campaign-live";
import { DeployFailedEmail, deployFailedSubject } from "./deploy-failed";
import { PlanReminderEmail, planReminderSubject } from "./plan-reminder";
import { SandboxAlertEmail, sandboxAlertSubject } from "./sandbox-alert";
import { TokenExpiringEmail, tokenExpiringSubject } from "./token-expiring";
import { UsageBudgetWarningEmail, usageBudgetWarningSubject } from "./usage-budget-warning";
import { WeeklyReportEmail, weeklyReportSubject } from "./weekly-report";

export type { ActionApprovalNeededProps } from "./action-approval-needed";
export type { AdAccountStatusProps } from "./ad-account-status";
export type { ApprovalNeededProps } from "./approval-needed";
export type { CampaignLiveProps } from "./campaign-live";
export type { DeployFailedProps } from "./deploy-failed";
export type { PlanReminderProps } from "./plan-reminder";
export type { SandboxAlertProps } from "./sandbox-alert";
export type { TokenExpiringProps } from "./token-expiring";
export type { UsageBudgetWarningProps } from "./usage-budget-warning";
export type { WeeklyReportProps } from "./weekly-report";

interface EmailTemplate<P> {
  component: ComponentType<P>;
  subject: (props: P) => string;
}

const template = <P>(component: ComponentType<P>, subject: (props: P) => string): EmailTemplate<P> => ({
  component,
  subject,
});

/** Every email the product sends, by name; `sendEmail` type-checks props against the entry. */
export const emailTemplates = {
  "action-approval-needed": template(ActionApprovalNeededEmail, actionApprovalNeededSubject),
  "ad-account-status": template(AdAccountStatusEmail, adAccountStatusSubject),
  "approval-needed": template(ApprovalNeededEmail, approvalNeededSubject),
  "campaign-live": template(CampaignLiveEmail, campaignLiveSubject),
  "deploy-failed": template(DeployFailedEmail, deployFailedSubject),
  "plan-reminder": template(PlanReminderEmail, planReminderSubject),
  "sandbox-alert": template(SandboxAlertEmail, sandboxAlertSubject),
  "token-expiring": template(TokenExpiringEmail, tokenExpiringSubject),
  "usage-budget-warning": template(UsageBudgetWarningEmail, usageBudgetWarningSubject),
  "weekly-report": template(WeeklyReportEmail, weeklyReportSubject),
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailTemplateProps<N extends EmailTemplateName> =
  (typeof emailTemplates)[N] extends EmailTemplate<infer P> ? P : never;
