/**
 * Facebook's own words, quoted inside our sentence. Its messages usually end in a full stop of their
 * own; adding ours after the closing quote would read “…outcomes.”. so the sentence ends inside it.
 */
export function facebookSaid(reason: string): string {
  const words = reason.trim();
  return /[.!?]$/.test(words) ? `Facebook said: “${words}”` : `Facebook said: “${words}”.`;
}
