import { defineConfig } from "drizzle-kit";

// One schema, one set of migrations: generated here, applied by PGlite at start or by `npm run db:migrate`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
