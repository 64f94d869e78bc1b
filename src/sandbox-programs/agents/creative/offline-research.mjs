// The deterministic research summary used when no model key is configured: same page, same bytes.

export const OFFLINE_LABEL = "offline generator (no model)";

const AUDIENCE_PATTERNS = [
  /\b(?:made|built|designed|perfect|ideal|crafted|created) for ([^.,!?;:]{3,60})/i,
  /\bfor (busy [^.,!?;:]{3,50}|small [^.,!?;:]{3,50}|growing [^.,!?;:]{3,50}|new [^.,!?;:]{3,50}|every [^.,!?;:]{3,50})/i,
  /\b(?:helps?|helping) ([a-z][^.,!?;:]{3,50}?) (?:to |get |find |save |make )/i,
];

// The audience is the noun phrase; what follows a conjunction or a verb is about the product.
const CLAUSE_BREAK = /\s(?:and|or|who|that|which|with|to|by|in|at|from|delivered|made|so)\s/i;
const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function audienceOf(facts, brandName) {
  const sources = [facts.description, ...facts.headings, facts.text.slice(0, 4000)];
  for (const pattern of AUDIENCE_PATTERNS) {
    for (const source of sources) {
      const match = source.match(pattern);
      if (match) return capitalise(match[1].split(CLAUSE_BREAK)[0].trim());
    }
  }
  return `People looking for what ${brandName} offers${facts.title ? ` (${facts.title})` : ""}`;
}

export function offlineResearch(input, facts) {
  const offer = facts.offers[0] ?? (facts.description || facts.headings[0] || `What ${input.brandName} sells`);
  const quoted = facts.testimonials.map((t) => (t.startsWith("\u201c") || t.startsWith('"') ? t : `\u201c${t}\u201d`));
  const seen = new Set();
  const proofPoints = [...facts.proof, ...quoted].filter((p) => !seen.has(p.toLowerCase()) && seen.add(p.toLowerCase())).slice(0, 6);
  return { offer, audience: audienceOf(facts, input.brandName), proofPoints, tone: facts.tone };
}
