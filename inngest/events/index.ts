/** The event catalogue: every event the product sends or listens to is declared here, once. */
export * from "./project";
export * from "./onboarding";
export * from "./facebook";
export * from "./campaign";
export * from "./notification";
export * from "./performance";
export * from "./optimization";
export * from "./webhooks";
export * from "./reports";
export * from "./agent";
export * from "./creative";
export * from "./sandbox";
export * from "./appgen";
export * from "./agent-tasks";
