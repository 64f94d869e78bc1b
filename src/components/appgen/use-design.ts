"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callJson } from "@/components/chat/post-json";
import type { DesignView } from "@/server/appgen/design/records";

export const POLL_MS = 1500;

/**
 * The project's design: the latest one the page was given, or a new proposal when there is none
 * (or the owner asks again), polled until the model has finished.
 */
export function useDesign(projectId: string, initial: DesignView | null) {
  const [design, setDesign] = useState<DesignView | null>(initial);
  const [designId, setDesignId] = useState<string | null>(initial?.id ?? null);
  const [error, setError] = useState<string | null>(null);

  const started = useRef(false);

  const propose = useCallback(async () => {
    const res = await callJson<{ designId: string }>("/api/appgen/designs", { body: { projectId } });
    if (!res.ok) return setError(res.error);
    setError(null);
    setDesign(null);
    setDesignId(res.data.designId);
  }, [projectId]);

  // A project without a design gets one proposed once, however often the effect runs.
  useEffect(() => {
    if (initial || started.current) return;
    started.current = true;
    void propose();
  }, [initial, propose]);

  const proposing = !design || design.status === "PROPOSING";
  useEffect(() => {
    if (!designId || !proposing) return;
    let stopped = false;
    const read = async () => {
      const res = await callJson<DesignView>(`/api/appgen/designs/${designId}`);
      if (stopped) return;
      if (res.ok) setDesign(res.data);
      else setError(res.error);
    };
    void read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [designId, proposing]);

  return { design, error, propose };
}
