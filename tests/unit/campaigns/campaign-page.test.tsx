import { MantineProvider } from "@mantine/core";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CampaignStructure, describeAudience, describeRunTime } from "@/components/campaign/campaign-structure";
import { describeCta, linkDomain } from "@/components/campaign/format";
import { marksFor } from "@/components/campaign/load-ad-previews";
import { TechnicalDetails } from "@/components/campaign/technical-details";
import { AgencySummary } from "@/components/optimization/agency-summary";
import type { ActivityEntry } from "@/components/optimization/load-activity";
import { ALLOWED_CTAS } from "@/server/campaigns/plan-schema";
import { activityEntry } from "../../support/activity-entry";

const html = (node: ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);
// What an owner who is not a marketer should not have to decode.
const JARGON = /\b(CTR|ROAS|CPA|CPM|impressions?|frequency|conversions?|objective|ad ?sets?|targeting|OUTCOME_\w+|NaN|undefined|null)\b/i;
const visibleText = (markup: string) => markup.replace(/<[^>]+>/g, " ");

const PLAN = {
  objective: "OUTCOME_SALES",
  name: "Bakery sales",
  dailyBudgetCents: 3_550,
  summary: "Two groups of people near the shop.",
  adSets: [
    { name: "Parents", targeting: { countries: ["US"], cities: [{ key: "1", name: "Brooklyn", countryCode: "US" }], ageMin: 25, ageMax: 45, interests: ["Baking", "Coffee"] }, ads: [] },
    { name: "Students", targeting: { countries: ["DE", "FR"], ageMin: 18, ageMax: 24, interests: [] }, ads: [{ name: "a", headline: "h", primaryText: "t", cta: "SHOP_NOW", imagePrompt: "" }] },
  ],
};

describe("the plan in plain words", () => {
  it("says the goal, the budget in the campaign's currency, how long it has run and who it reaches", () => {
    const out = html(
      <CampaignStructure structure={PLAN} currency="EUR" activatedAt={new Date("2026-11-28T09:00:00Z")} live now={new Date("2026-12-01T10:00:00Z")} />,
    );
    expect(out).toContain("Get sales");
    expect(out).toContain("€35.50 a day in total");
    expect(out).toContain("Running for 3 days, since Nov 28, 2026 (UTC).");
    expect(out).toContain("People aged 25–45 in Brooklyn (United States), interested in Baking and Coffee.");
    expect(out).toContain("People aged 18–24 in Germany and France.");
    expect(out).toContain("1 ad");
    expect(visibleText(out)).not.toMatch(JARGON);
  });

  it("says plainly when it has not run, or no longer runs", () => {
    expect(describeRunTime({ activatedAt: null, live: false, now: new Date() })).toBe("Not running yet.");
    expect(describeRunTime({ activatedAt: new Date("2026-12-01T09:00:00Z"), live: true, now: new Date("2026-12-01T10:00:00Z") })).toBe(
      "Running for less than a day, since Dec 1, 2026 (UTC).",
    );
    expect(describeRunTime({ activatedAt: new Date("2026-11-01T09:00:00Z"), live: false, now: new Date() })).toBe("First went live on Nov 1, 2026 (UTC); not running now.");
    expect(describeAudience({ countries: [], ageMin: 30, ageMax: 50, interests: [] })).toBe("People aged 30–50.");
    expect(html(<CampaignStructure structure={null} currency="USD" activatedAt={null} live={false} now={new Date()} />)).toContain("No plan stored for this version yet.");
  });
});

describe("the ad's button and link", () => {
  it("uses Facebook's words for every button a plan may use", () => {
    expect(ALLOWED_CTAS.map(describeCta)).toEqual([
      "Learn more", "Shop now", "Sign up", "Contact us", "Get quote", "Book now", "Apply now", "Order now", "Subscribe", "Download", "Install now",
    ]);
    expect(describeCta("WATCH_MORE")).toBe("Watch more");
    expect(linkDomain("https://www.sourdough-example.com/shop?x=1")).toBe("sourdough-example.com");
    expect(linkDomain("not a url")).toBeNull();
  });

  it("marks an ad once per reason: a pause made outside Aigency is not also called paused", () => {
    const held = { objectId: "1", label: "the ad", kind: "held" as const, status: "PAUSED", reason: null, since: null };
    const review = { ...held, kind: "review" as const, status: "WITH_ISSUES" };
    expect(marksFor({ status: { status: "PAUSED" }, holds: [held, review] }).map((m) => m.label)).toEqual(["Turned off outside Aigency", "Facebook found a problem"]);
    expect(marksFor({ status: { status: "ACTIVE" }, holds: [] })).toEqual([]);
    expect(marksFor({ status: { status: "CAMPAIGN_PAUSED" }, holds: [] }).map((m) => m.label)).toEqual(["Paused"]);
  });
});

// Applied a few minutes after it was proposed.
const entry = (over: Partial<ActivityEntry>) => activityEntry({ changes: [], appliedAt: new Date("2026-11-29T10:05:00Z"), ...over });

describe("what the agency is doing", () => {
  it("puts what waits for the owner first, linked to its card in the conversation, then the last change", () => {
    const out = html(
      <AgencySummary
        chatHref="/projects/p1"
        entries={[
          entry({ id: "w1", kind: "RAISE_BUDGET", status: "AWAITING_APPROVAL", appliedAt: null }),
          entry({ id: "old", status: "REJECTED", appliedAt: null }),
          entry({ id: "a1" }),
        ]}
      />,
    );
    expect(out).toContain("1 suggestion waits for your OK");
    expect(out).toContain("Raise the daily budget. Nothing changes until you approve.");
    expect(out).toContain('href="/projects/p1#action-w1"');
    expect(out).toContain("Last change: pause a weak ad, on Nov 29, 2026, 10:05 AM UTC. Almost nobody clicks this ad.");
  });

  it("says so when nothing has been done yet", () => {
    const out = html(<AgencySummary chatHref="/projects/p1" entries={[]} />);
    expect(out).toContain("No changes made yet.");
    expect(out).not.toContain("waits for your OK");
  });
});

describe("technical details", () => {
  it("keeps the ids and the ad account in a fold that starts closed", () => {
    const out = html(<TechnicalDetails ids={[{ label: "Ad", key: "ad-0-0", id: "120000001" }]} adAccountId="act_42" version={2} />);
    expect(out).toContain("<details><summary");
    expect(out).not.toContain("<details open");
    expect(out).toContain("Technical details");
    expect(out).toContain('aria-label="Facebook ids"');
    expect(out).toContain("120000001");
    expect(out).toContain("act_42");
    expect(html(<TechnicalDetails ids={[]} adAccountId={null} version={1} />)).toContain("Nothing created on Facebook yet.");
  });
});
