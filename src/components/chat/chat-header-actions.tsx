"use client";

import { useRouter } from "next/navigation";
import { EditBrief } from "./edit-brief";

/** The chat header's client part: "Edit brief", re-reading the thread once a new version is saved. */
export function ChatHeaderActions(props: { projectId: string; conversationId?: string }) {
  const router = useRouter();
  return <EditBrief projectId={props.projectId} conversationId={props.conversationId} onSaved={() => router.refresh()} />;
}
