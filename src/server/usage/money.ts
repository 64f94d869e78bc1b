/** "$12.34" from micro-USD; below a cent shows "<$0.01" so a small cost never reads as free. */
export function formatMicroUsd(micro: number): string {
  if (micro > 0 && micro < 10_000) return "<$0.01";
  return (micro / 1_000_000).toLocaleString("en-US", { style: "currency", currency: "USD" });
}
