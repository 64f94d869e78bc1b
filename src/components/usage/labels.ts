import type { UsageKind } from "./types";

/** How the usage page names each kind of cost and reads its quantity. */
export const KIND_LABELS: Record<UsageKind, string> = {
  MODEL_TOKENS: "Model tokens",
  SANDBOX_SECONDS: "Sandbox time",
  STORAGE_BYTES: "Storage",
  EMAIL: "Emails",
  AD_SPEND_DELTA: "Ad budget change",
};

export function formatQuantity(kind: UsageKind, quantity: number): string {
  switch (kind) {
    case "MODEL_TOKENS":
      return `${quantity.toLocaleString("en-US")} tokens`;
    case "SANDBOX_SECONDS":
      return quantity >= 3600 ? `${(quantity / 3600).toFixed(1)} h` : `${Math.round(quantity / 60).toLocaleString("en-US")} min`;
    case "STORAGE_BYTES":
      return `${(quantity / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
    case "EMAIL":
      return `${quantity.toLocaleString("en-US")} sent`;
    case "AD_SPEND_DELTA":
      return `${(quantity / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 2 })} a day`;
  }
}

export const BUDGET_COLORS = { ok: "teal", warning: "yellow", exceeded: "red" } as const;
