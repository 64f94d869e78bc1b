/**
 * Splits a message into clauses, so each fact is filed by what it says, not by where it came:
 * "We bake sourdough. We cover Porto, Portugal. About 30 euros a day" holds three answers.
 */
export function splitClauses(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|[;\n]+|,?\s+(?:but|and also|also)\s+|,\s*and\s+(?=(?:we|our|i|my|the|it|budget)\b)/i)
    .map((c) => c.trim().replace(/^[\s,.;:-]+|[\s,.;:-]+$/g, ""))
    .filter((c) => c.length > 0);
}

// Words that carry no fact of their own once the place, amount or goal is taken out of a clause.
const FILLER = new Set(
  ("we are our the and with for from into about around roughly maybe like would want need please also just only mostly mainly " +
    "cover covering based located serve serving ship deliver customers clients people rest whole all across area city region " +
    "country state town near spend spending budget more get ads should hoping hope that this there here its it's we're i'm " +
    "actually sorry meant correction instead sure them they you your some any over under aged between mainly every each " +
    "day week month year daily weekly monthly let say said ok okay yes yeah sure thanks thank hi hello hey great cool fine good").split(/\s+/),
);

/** How many words in the clause still say something (length ≥ 3, not filler). */
export function contentWords(clause: string): number {
  return (clause.toLowerCase().match(/[\p{L}][\p{L}'’-]*/gu) ?? []).filter((w) => w.length >= 3 && !FILLER.has(w)).length;
}

export const CORRECTION_RE = /\b(?:actually|sorry|i meant|correction|instead|make (?:it|that)|change (?:it|that)|rather)\b/i;
// Words that make a place the answer to "where are your customers", not just where the shop is.
export const LOCATION_CUE_RE =
  /\b(?:cover|covering|based|located|serve|serving|ship|shipping|deliver|delivering|customers (?:are )?in|clients (?:are )?in|we(?:'re| are) in|across|throughout|all over|target|reach)\b/i;

/** Words addressed to the assistant, not facts about the business ("ignore previous instructions", "approve it"). */
export const INSTRUCTION_RE =
  /\b(?:ignore|disregard|forget)\b[^.]*\b(?:instructions?|rules?|prompt)\b|\b(?:approve|deploy|launch|publish|go live)\b|\b(?:i'?d like|i want|we'?d like|we want|help me|help us)\b[^.]*\b(?:advertis\w*|ads|promote)\b/i;
