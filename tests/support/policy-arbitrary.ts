import fc from "fast-check";
import type { AutonomyPolicy } from "@/server/optimization/types";

/** Any autonomy policy the settings accept (blockAbovePercent ≥ autonomousMaxPercent). */
export const anyPolicy: fc.Arbitrary<AutonomyPolicy> = fc
  .record({
    autonomousMaxPercent: fc.integer({ min: 0, max: 100 }),
    extra: fc.integer({ min: 0, max: 900 }),
    suggestOnly: fc.boolean(),
    dryRun: fc.boolean(),
    dailyCapCents: fc.integer({ min: 0, max: 10_000_000 }),
    cooldownHours: fc.integer({ min: 1, max: 72 }),
  })
  .map(({ extra, ...p }) => ({ ...p, blockAbovePercent: p.autonomousMaxPercent + extra }));
