/** One line for the owner and the version's record, never a stack; capped so a huge message cannot bloat a row. */
export function plainError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.trim().slice(0, 500) || "Unknown error";
}
