import type { BusinessFacts } from "./brief";

export type PageKind = "home" | "about" | "services" | "features" | "pricing" | "contact";

export interface PlannedPage {
  pageId: string;
  route: string;
  name: string;
  kind: PageKind;
  purpose: string;
  actions: string[];
  notes: string;
}

const BOOKED = /\b(book|booking|appointment|salon|clinic|class|classes|lesson|session|table|reservation|treatment|consult)/i;

function page(kind: PageKind, name: string, purpose: string, actions: string[], notes: string): PlannedPage {
  return { pageId: kind, route: kind === "home" ? "/" : `/${kind}`, name, kind, purpose, actions, notes };
}

/**
 * The offline model's page tree: four pages chosen by the brief's goal, with a booking action where
 * the business sells time (a salon, a class) rather than things.
 */
export function offlinePageTree(facts: BusinessFacts): PlannedPage[] {
  const booked = BOOKED.test(`${facts.description} ${facts.offer}`);
  const contact = page("contact", "Contact", `Let ${facts.audience} reach ${facts.name} directly.`, ["contact"], "A short form (name, email, message) and where to find the business.");
  const about = page("about", "About", `Tell the story of ${facts.name} and why it can be trusted.`, [], "Who runs it, what sets it apart, where it is.");
  switch (facts.goal) {
    case "SALES":
      return [
        page("home", "Home", `Sell ${facts.offer} to visitors arriving from the ads.`, ["order"], "Hero with the offer, three reasons to buy, an order form."),
        page("pricing", "Pricing", "Show what it costs and make ordering one step.", ["order"], "Three plans side by side; the middle one highlighted."),
        about,
        contact,
      ];
    case "APP_INSTALLS":
      return [
        page("home", "Home", `Get ${facts.audience} to sign up for ${facts.name}.`, ["signup"], "Hero with the promise, a sign-up form above the fold."),
        page("features", "Features", "Explain what the app does, one benefit at a time.", [], "Three features with short explanations."),
        page("pricing", "Pricing", "Show the plans and let visitors sign up from each.", ["signup"], "Plans side by side with a sign-up form."),
        contact,
      ];
    case "TRAFFIC":
      return [
        page("home", "Home", `Introduce ${facts.name} and keep visitors reading.`, ["subscribe"], "Hero, highlights, a newsletter form."),
        page("services", "What we do", `Describe ${facts.offer} in detail.`, [], "Three highlights with short explanations."),
        about,
        contact,
      ];
    default:
      return [
        page("home", "Home", `Turn visitors into enquiries for ${facts.offer}.`, ["contact"], "Hero with the offer, reasons to trust, an enquiry form."),
        page("services", "Services", `Describe ${facts.offer} and let visitors ask for it.`, [booked ? "book" : "contact"], booked ? "Services with a booking request form (name, email, preferred date)." : "Services with an enquiry form."),
        about,
        contact,
      ];
  }
}
