"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";

// Pulls and sweeps run in the engine after the route answers; these re-reads catch their rows
// as they land without the owner reloading the page.
const REREAD_AFTER_MS = [1_500, 4_000, 8_000, 15_000, 30_000, 60_000];

/** Re-renders the server page now and a few times over the next minute. */
export function useRefreshSoon(): () => void {
  const router = useRouter();
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  return useCallback(() => {
    timers.current.forEach(clearTimeout);
    router.refresh();
    timers.current = REREAD_AFTER_MS.map((ms) => setTimeout(() => router.refresh(), ms));
  }, [router]);
}
