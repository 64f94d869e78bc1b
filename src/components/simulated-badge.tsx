import { Badge } from "@mantine/core";
import type { ServiceStatus } from "@/server/services/types";

/** Shown whenever any service runs on its embedded stand-in, so nothing simulated passes for real. */
export function SimulatedBadge({ services }: { services: ServiceStatus[] }) {
  const simulated = services.filter((s) => s.simulated).map((s) => s.service);
  if (simulated.length === 0) return null;
  return (
    <Badge
      component="a"
      href="/status"
      color="orange"
      variant="light"
      style={{ cursor: "pointer" }}
      title={`Simulated: ${simulated.join(", ")}`}
      aria-label={`Simulated parts: ${simulated.join(", ")}. See status`}
    >
      Simulated parts
    </Badge>
  );
}
