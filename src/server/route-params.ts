import { z } from "zod";

const uuid = z.uuid();

/**
 * Route params are user input. Our ids are UUIDs, so anything else cannot name a row; checking
 * first also keeps bytes Postgres refuses (a NUL) away from queries, which would otherwise 500.
 */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}
