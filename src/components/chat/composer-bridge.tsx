"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

/**
 * What the workspace panel and the chat share: the panel puts a prompt in the composer
 * (`setDraft`), the chat says which agent tools are running (from the conversation's realtime
 * `tool` topic) so the panel can show a spinner on them.
 */
export interface ComposerBridge {
  setDraft(text: string): void;
  runningTools: string[];
}

interface BridgeState extends ComposerBridge {
  /** The last draft asked for; `seq` changes on every ask, so the same prompt twice still lands. */
  draft: { text: string; seq: number } | null;
  setRunningTools(tools: string[]): void;
}

const noop = () => {};
const BridgeContext = createContext<BridgeState>({ setDraft: noop, runningTools: [], draft: null, setRunningTools: noop });

export function ComposerBridgeProvider(props: { children: ReactNode }) {
  const [draft, setDraftState] = useState<BridgeState["draft"]>(null);
  const [runningTools, setRunningToolsState] = useState<string[]>([]);
  const setDraft = useCallback((text: string) => setDraftState((now) => ({ text, seq: (now?.seq ?? 0) + 1 })), []);
  // The same names again keep the same array, so the panel does not re-render on every realtime message.
  const setRunningTools = useCallback(
    (tools: string[]) => setRunningToolsState((now) => (now.length === tools.length && now.every((t, i) => t === tools[i]) ? now : tools)),
    [],
  );
  const value = useMemo<BridgeState>(() => ({ draft, runningTools, setRunningTools, setDraft }), [draft, runningTools, setRunningTools, setDraft]);
  return <BridgeContext.Provider value={value}>{props.children}</BridgeContext.Provider>;
}

/** For the panel: put text in the composer, and see which tools are running. No-ops outside a provider. */
export function useComposerBridge(): ComposerBridge {
  const { setDraft, runningTools } = useContext(BridgeContext);
  return { setDraft, runningTools };
}

/** For the composer: the draft to show, and for the chat: where to report running tools. */
export function useComposerBridgeState(): Pick<BridgeState, "draft" | "setRunningTools"> {
  const { draft, setRunningTools } = useContext(BridgeContext);
  return { draft, setRunningTools };
}
