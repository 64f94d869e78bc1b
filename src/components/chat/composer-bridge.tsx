"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

/**
 * Render one `ComposerBridgeProvider` around both the chat panel and the panels that use the hook.
 * Lets panels outside the chat (the workspace's Tools tab) put a prompt in the composer and see
 * which agent tools are running, without owning the chat's state. The chat panel registers its
 * draft setter and reports running tools; everything else only reads.
 */
export interface ComposerBridge {
  /** Puts `text` in the composer (replacing the draft) for the owner to edit and send. */
  setDraft(text: string): void;
  /** Tool names running right now in this conversation (from the realtime `tool` topic). */
  runningTools: string[];
}

interface BridgeState extends ComposerBridge {
  /** False outside a provider: the chat then keeps its draft to itself. */
  provided: boolean;
  /** The composer's current draft; the chat panel's composer is controlled by it. */
  draft: string;
  setRunningTools(names: string[]): void;
}

const noop = () => {};
const BridgeContext = createContext<BridgeState>({
  provided: false,
  draft: "",
  setDraft: noop,
  runningTools: [],
  setRunningTools: noop,
});

export function ComposerBridgeProvider(props: { children: ReactNode }) {
  const [draft, setDraft] = useState("");
  const [runningTools, setRunningTools] = useState<string[]>([]);
  const value = useMemo(() => ({ provided: true, draft, setDraft, runningTools, setRunningTools }), [draft, runningTools]);
  return <BridgeContext.Provider value={value}>{props.children}</BridgeContext.Provider>;
}

/** For the Tools tab (and any panel): put a prompt in the composer, see what is running. */
export function useComposerBridge(): ComposerBridge {
  const { setDraft, runningTools } = useContext(BridgeContext);
  return { setDraft, runningTools };
}

/** For the chat panel only: the controlled draft and the running-tools reporter. */
export function useComposerDraft() {
  return useContext(BridgeContext);
}
