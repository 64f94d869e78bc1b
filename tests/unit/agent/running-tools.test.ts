import { describe, expect, it } from "vitest";
import { parseAgentTools } from "@/components/chat/messages/agent-reply-message";
import { runningToolsOf } from "@/components/chat/use-reply-stream";

const tool = (toolCallId: string, status: string, messageId = "m1") => ({
  topic: "tool",
  data: { messageId, toolCallId, tool: "show_performance", status, label: "Reading the latest numbers…" },
});

describe("the chat's running-tools line", () => {
  it("lists a tool while its latest report is running, and drops it once done or failed", () => {
    expect(runningToolsOf([tool("a", "running")])).toEqual([{ toolCallId: "a", tool: "show_performance", label: "Reading the latest numbers…" }]);
    expect(runningToolsOf([tool("a", "running"), { topic: "delta", data: {} }, tool("a", "done")])).toEqual([]);
    // A retried step reports running again after its failed attempt.
    expect(runningToolsOf([tool("a", "running"), tool("b", "running"), tool("b", "failed"), tool("b", "running")]).map((t) => t.toolCallId)).toEqual(["a", "b"]);
  });

  it("reads an agent reply's tools from its metadata, skipping odd entries", () => {
    expect(parseAgentTools({ tools: [{ name: "explain_metric", status: "done", summary: "…" }, { name: 3 }, null] })).toEqual([
      { name: "explain_metric", status: "done", summary: "…" },
    ]);
    expect(parseAgentTools(null)).toEqual([]);
  });
});
