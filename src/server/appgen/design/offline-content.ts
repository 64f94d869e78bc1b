import type { BusinessFacts } from "./brief";
import type { PlannedPage } from "./offline-tree";

export interface Field {
  name: string;
  label: string;
  type: "text" | "email" | "date" | "number" | "textarea";
}

export interface PageContent {
  heading: string;
  lead: string;
  points: { title: string; text: string }[];
  form: { action: string; fields: Field[]; submit: string } | null;
}

const NAME: Field = { name: "name", label: "Your name", type: "text" };
const EMAIL: Field = { name: "email", label: "Email", type: "email" };
const MESSAGE: Field = { name: "message", label: "Message", type: "textarea" };

/** The fields a form collects for each action the offline tree uses. */
const FORMS: Record<string, { fields: Field[]; submit: string }> = {
  contact: { fields: [NAME, EMAIL, MESSAGE], submit: "Send message" },
  book: { fields: [NAME, EMAIL, { name: "date", label: "Preferred date", type: "date" }, { name: "notes", label: "Anything we should know", type: "textarea" }], submit: "Request a booking" },
  signup: { fields: [NAME, EMAIL], submit: "Sign up" },
  order: { fields: [NAME, EMAIL, { name: "quantity", label: "How many", type: "number" }], submit: "Place an order" },
  subscribe: { fields: [EMAIL], submit: "Subscribe" },
};

function formFor(action: string | undefined): PageContent["form"] {
  if (!action) return null;
  const form = FORMS[action] ?? FORMS.contact!;
  return { action, ...form };
}

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** The words on one page, all from the brief: the same facts arranged three ways by the layouts. */
export function pageContent(facts: BusinessFacts, page: PlannedPage): PageContent {
  const form = formFor(page.actions[0]);
  switch (page.kind) {
    case "home":
      return {
        heading: facts.offer,
        lead: `${sentence(facts.description)} Made for ${facts.audience.toLowerCase()} in ${facts.location}.`,
        points: [
          { title: "What you get", text: sentence(facts.offer) },
          { title: "Why us", text: sentence(facts.sellingPoint) },
          { title: "Where", text: `Serving ${facts.location}.` },
        ],
        form,
      };
    case "about":
      return {
        heading: `About ${facts.name}`,
        lead: sentence(facts.description),
        points: [
          { title: "Our promise", text: sentence(facts.sellingPoint) },
          { title: "Who we serve", text: sentence(facts.audience) },
          { title: "Find us", text: sentence(facts.location) },
        ],
        form,
      };
    case "pricing":
      return {
        heading: "Plans and prices",
        lead: `${sentence(facts.offer)} Pick the plan that fits.`,
        points: [
          { title: "Try it", text: `One ${facts.offer.toLowerCase()} to see if it suits you.` },
          { title: "Regular", text: `The favourite of ${facts.audience.toLowerCase()}: ${facts.sellingPoint.toLowerCase()}.` },
          { title: "For groups", text: `For teams and families across ${facts.location}.` },
        ],
        form,
      };
    case "contact":
      return {
        heading: `Contact ${facts.name}`,
        lead: `Tell us what you need and we reply within one working day. ${sentence(facts.location)}`,
        points: [
          { title: "Visit", text: sentence(facts.location) },
          { title: "Online", text: facts.website },
        ],
        form,
      };
    default:
      return {
        heading: page.kind === "features" ? `What ${facts.name} does` : "What we offer",
        lead: sentence(facts.offer),
        points: [
          { title: facts.offer, text: sentence(facts.description) },
          { title: "The difference", text: sentence(facts.sellingPoint) },
          { title: "For you", text: `Made for ${facts.audience.toLowerCase()}.` },
        ],
        form,
      };
  }
}
