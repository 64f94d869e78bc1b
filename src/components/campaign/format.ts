/** Display helpers shared by the approval card and the campaign view: pure, so unit tests pin them. */

/** Hundredths of `currency` as the owner reads them ("€35.50", "¥1,000"); the currency is always the plan's own. */
export { formatMoney as formatCents } from "@/server/campaigns/currency";

export function formatRange(range: { low: number; high: number }): string {
  const n = new Intl.NumberFormat("en-US");
  return range.low === range.high ? n.format(range.low) : `${n.format(range.low)}–${n.format(range.high)}`;
}

const OBJECTIVE_LABELS: Record<string, string> = {
  OUTCOME_LEADS: "Get leads (people getting in touch)",
  OUTCOME_SALES: "Get sales",
  OUTCOME_TRAFFIC: "Get website visits",
  OUTCOME_APP_PROMOTION: "Get app installs",
};

/** Plain words for Facebook's objective codes, so a non-marketer knows what they approve. */
export function describeObjective(objective: string): string {
  return OBJECTIVE_LABELS[objective] ?? objective;
}

// The button's words as Facebook shows them in the feed; not always the code read aloud ("Install now").
const CTA_LABELS: Record<string, string> = {
  LEARN_MORE: "Learn more",
  SHOP_NOW: "Shop now",
  SIGN_UP: "Sign up",
  CONTACT_US: "Contact us",
  GET_QUOTE: "Get quote",
  BOOK_NOW: "Book now",
  APPLY_NOW: "Apply now",
  ORDER_NOW: "Order now",
  SUBSCRIBE: "Subscribe",
  DOWNLOAD: "Download",
  INSTALL_MOBILE_APP: "Install now",
};

/** "LEARN_MORE" → "Learn more"; a code we do not know is read aloud the same way. */
export function describeCta(cta: string): string {
  const known = CTA_LABELS[cta];
  if (known) return known;
  const words = cta.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "https://www.sourdough-example.com/shop" → "sourdough-example.com", as the feed shows a link; null when it is not a URL. */
export function linkDomain(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

const STATUS_LABELS: Record<string, { label: string; color: string }> = {
  DRAFT: { label: "Drafting", color: "gray" },
  GENERATION_FAILED: { label: "Plan failed", color: "red" },
  PENDING_APPROVAL: { label: "Waiting for your approval", color: "yellow" },
  APPROVED: { label: "Approved, deploying", color: "blue" },
  DEPLOYING: { label: "Deploying", color: "blue" },
  ACTIVE: { label: "ACTIVE", color: "green" },
  DEPLOY_FAILED: { label: "Deployment failed", color: "red" },
  SUPERSEDED: { label: "Replaced by a newer version", color: "gray" },
  EXPIRED: { label: "Expired", color: "gray" },
  PAUSED: { label: "Paused", color: "orange" },
  CLEANING_UP: { label: "Cleaning up", color: "gray" },
  CLEANED_UP: { label: "Cleaned up", color: "gray" },
};

export function describeStatus(status: string): { label: string; color: string } {
  return STATUS_LABELS[status] ?? { label: status, color: "gray" };
}
