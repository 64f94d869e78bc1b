import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BriefProposalCard } from "@/components/chat/messages/brief-proposal-card";
import { parseBriefProposal } from "@/components/chat/messages/brief-proposal-data";

const BRIEF = {
  businessDescription: "A neighbourhood bakery",
  product: "Sourdough bread subscriptions",
  targetAudience: "Busy parents",
  goal: "LEADS",
  monthlyBudgetCents: 60_000,
  budgetCurrency: "USD",
  location: "Austin, Texas",
  uniqueSellingPoint: "Baked at 5am, delivered by 8am",
  websiteUrl: "https://bakery.example",
};
const META = {
  kind: "brief-update-proposal",
  projectId: "p",
  briefVersion: 1,
  current: BRIEF,
  proposed: { ...BRIEF, location: "Austin, Texas and Canada", monthlyBudgetCents: 90_000 },
  changed: ["location", "monthlyBudgetCents", "notAField"],
  outcome: null,
};

const render = (metadata: Record<string, unknown>) =>
  renderToStaticMarkup(
    <MantineProvider>
      <BriefProposalCard messageId="m" conversationId="c" proposal={parseBriefProposal(metadata)!} onChanged={() => {}} />
    </MantineProvider>,
  );

describe("the brief change card", () => {
  it("reads only a well-formed card, keeping known field names", () => {
    // In the brief's own field order; an unknown name is dropped.
    expect(parseBriefProposal(META)?.changed).toEqual(["monthlyBudgetCents", "location"]);
    expect(parseBriefProposal({ ...META, proposed: { ...BRIEF, goal: "WORLD_DOMINATION" } })).toBeNull();
    expect(parseBriefProposal({ ...META, kind: "weekly-report" })).toBeNull();
    expect(parseBriefProposal(null)).toBeNull();
  });

  it("shows what changes, now vs proposed, with Confirm and Dismiss while open", () => {
    const html = render(META);
    expect(html).toContain("Austin, Texas and Canada");
    expect(html).toContain("$900");
    expect(html).toContain("$600");
    expect(html).not.toContain("Sourdough bread subscriptions");
    expect(html).toContain("Confirm");
    expect(html).toContain("Dismiss");
  });

  it("shows the outcome instead of the buttons once answered", () => {
    const html = render({ ...META, outcome: "dismissed" });
    expect(html).toContain("the brief stays as it was");
    expect(html).not.toContain(">Confirm<");
    expect(render({ ...META, outcome: "confirmed" })).toContain("Saved as a new brief version");
  });
});
