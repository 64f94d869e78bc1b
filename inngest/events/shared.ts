import { z } from "zod";

/** Every event names its tenant, so a function never has to trust a looked-up id alone. */
export const tenant = {
  organizationId: z.string().min(1),
};

export const id = z.string().min(1);
