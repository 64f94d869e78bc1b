"use client";

import { useEffect, useState } from "react";
import { callJson } from "@/components/chat/post-json";
import type { AppJobView } from "@/server/appgen/view";
import { TERMINAL } from "./stages";
import { POLL_MS } from "./use-design";

/** The job as GET /api/appgen/jobs/:id answers it, read every 1.5 s until it is terminal. */
export function useJob(jobId: string) {
  const [job, setJob] = useState<AppJobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = job !== null && TERMINAL.includes(job.status);
  useEffect(() => {
    if (done) return;
    let stopped = false;
    const read = async () => {
      const res = await callJson<AppJobView>(`/api/appgen/jobs/${jobId}`);
      if (stopped) return;
      if (res.ok) {
        setJob(res.data);
        setError(null);
      } else setError(res.error);
    };
    void read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [jobId, done]);
  return { job, error };
}
