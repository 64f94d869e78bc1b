/**
 * Everything a job logs or keeps passes through here first: command output, model errors, stage
 * messages. Known secret values are blanked before anything is cut, so a secret that straddles a cut
 * cannot leave a recognisable half; the shapes catch keys printed by code we did not write.
 */
export const REDACTED = "[redacted]";

type Replacer = (match: string, ...groups: string[]) => string;
const whole: Replacer = () => REDACTED;
/** Keeps the name and separator (`Authorization: `) so the line still says what was hidden. */
const keepName: Replacer = (_match, name, separator) => `${name}${separator}${REDACTED}`;

const SECRET_SHAPES: [RegExp, Replacer][] = [
  [/sk-ant-[\w-]+/g, whole], // Anthropic
  [/\bdtn_[\w-]{8,}/g, whole], // Daytona
  [/\bre_[A-Za-z0-9_]{16,}/g, whole], // Resend
  [/\bEAA[A-Za-z0-9]{20,}/g, whole], // Facebook access tokens
  [/\beyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g, whole], // JWTs (Supabase service role)
  [/(authorization|x-api-key|cookie|set-cookie)(["']?\s*[:=]\s*)(?:"[^"]*"|'[^']*'|(?:Bearer |Basic )?[^\s,;]+)/gi, keepName],
  [/\b(api[_-]?key|secret|token|password)(["']?\s*[:=]\s*["']?)[^\s"',;]{6,}/gi, keepName],
  [/(https?:\/\/)[^/\s:@]+:[^/\s@]+@/g, (_m, scheme) => `${scheme}${REDACTED}@`], // credentials in URLs
];

export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const [shape, replacer] of SECRET_SHAPES) out = out.replace(shape, replacer as (substring: string, ...args: unknown[]) => string);
  return out;
}

/** The last `max` characters of redacted output: where a failing build says what went wrong. */
export function redactedTail(text: string, max: number, secrets: readonly (string | undefined | null)[] = []): string {
  const clean = redact(text, secrets);
  return clean.length <= max ? clean : `…${clean.slice(-max)}`;
}
