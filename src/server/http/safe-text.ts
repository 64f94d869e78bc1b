import { z } from "zod";

/**
 * C0 control characters other than tab, newline and carriage return. Postgres refuses U+0000 in
 * text (even as a bound parameter, which surfaced as a 500), and the rest have no business in
 * anything a person types; they only ever arrive as an attack or a corrupted client.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export const CONTROL_CHARACTER_MESSAGE = "contains a control character";

export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** A zod string that refuses control characters: use it for every string that can reach the database. */
export function safeText() {
  return z.string().refine((v) => !hasControlCharacter(v), CONTROL_CHARACTER_MESSAGE);
}

/**
 * The path of the first string (or key) holding a control character, or null. Applied to every
 * parsed body and query, so a schema that forgets `safeText()` still cannot pass one to a query.
 */
export function findControlCharacter(root: unknown): string | null {
  // Iterative with parent links: a 64 KB body can nest arrays thousands deep, deeper than the stack.
  type Node = { value: unknown; key?: string; parent?: Node };
  const pathOf = (n: Node, tail: string[] = []): string => {
    const keys: string[] = [];
    for (let c: Node | undefined = n; c?.key !== undefined; c = c.parent) keys.push(c.key);
    return [...keys.reverse(), ...tail].join(".");
  };
  const stack: Node[] = [{ value: root }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { value } = node;
    if (typeof value === "string" && hasControlCharacter(value)) return pathOf(node);
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value).reverse()) {
      if (hasControlCharacter(key)) return pathOf(node, ["(key)"]);
      stack.push({ value: child, key, parent: node });
    }
  }
  return null;
}
