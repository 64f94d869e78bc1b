/**
 * Runs once when the server starts: a malformed or (in production) missing variable stops startup
 * here, with the variable's name, instead of failing on the first request that needs it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./env");
  env();
}
