/** A simulated lead's id names its ad and time (`sim-<ad id>-<unix seconds>-<n>`), so the simulated Graph can answer for it. */
export function simulatedLeadgenId(opts: { adId: string; createdTime: Date; n: number }): string {
  return `sim-${opts.adId}-${Math.floor(opts.createdTime.getTime() / 1000)}-${opts.n}`;
}
