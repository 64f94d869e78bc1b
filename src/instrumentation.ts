/**
 * Runs once when the server starts: a malformed or (in production) missing variable stops startup
 * here, with the variable's name, instead of failing on the first request that needs it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./env");
  const e = env();
  // The embedded database takes seconds of CPU to open and migrate. Opened now, that cost is paid at
  // boot instead of inside the first requests (a burst of webhook deliveries would otherwise queue
  // behind it). Not awaited: the server starts answering meanwhile, and requests share the same open.
  if (!e.DATABASE_URL) {
    const { getDeps } = await import("./server/deps");
    void getDeps().catch((err: unknown) => console.error("[aigency] opening the embedded database failed:", err));
  }
}
