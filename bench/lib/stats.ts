export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of no samples");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: values.length, min: round(sorted[0]!), median: round(median(values)), max: round(sorted.at(-1)!) };
}
