import { Alert } from "@mantine/core";

/** Said plainly wherever Facebook ids are shown: in embedded mode they come from the simulated ad account. */
export function SimulatedAccountMarker() {
  return (
    <Alert color="orange" variant="light" title="Simulated ad account" role="note">
      This campaign lives in the simulated ad account: nothing was published to Facebook and no money is spent.
    </Alert>
  );
}
