import {
  Anchor,
  Container,
  Stack,
  Table,
  TableTbody,
  TableTd,
  TableTh,
  TableThead,
  TableTr,
  Text,
  Title,
} from "@mantine/core";
import { env } from "@/env";
import { describeAuth } from "@/server/auth/describe";
import { getDeps } from "@/server/deps";
import { loadSandboxTemplatesStatus } from "@/server/sandbox/status";
import { describeServices } from "@/server/services";
import { SandboxTemplatesSection } from "./sandbox-templates-section";

export const dynamic = "force-dynamic";

/** Public: says which parts are real and which are simulated. Shows names, never secrets. */
export default async function StatusPage() {
  const e = env();
  const services = describeServices(e);
  const auth = describeAuth(e);
  // The services table needs no database; a database that cannot answer only blanks this section.
  const sandbox = await getDeps()
    .then((deps) => loadSandboxTemplatesStatus(deps.db, e))
    .catch(() => null);
  return (
    <Container size="md" py="xl">
      <Stack gap="lg">
        <Anchor href="/" size="sm">
          ← Aigency
        </Anchor>
        <Title order={1}>Service status</Title>
        <Text>
          Each service runs on its real provider when configured, otherwise on an embedded stand-in. Simulated ones
          produce demo data and never reach a real provider.
        </Text>
        <Table withTableBorder striped aria-label="Services">
          <TableThead>
            <TableTr>
              <TableTh>Service</TableTh>
              <TableTh>Implementation</TableTh>
              <TableTh>Real or simulated</TableTh>
              <TableTh>Detail</TableTh>
            </TableTr>
          </TableThead>
          <TableTbody>
            {services.map((s) => (
              <TableTr key={s.service}>
                <TableTd>{s.service}</TableTd>
                <TableTd>{s.implementation}</TableTd>
                <TableTd>
                  <Text size="sm" fw={600} c={s.simulated ? "orange.8" : "green.8"}>
                    {s.simulated ? "Simulated" : "Real"}
                  </Text>
                </TableTd>
                <TableTd>{s.detail}</TableTd>
              </TableTr>
            ))}
            <TableTr>
              <TableTd>auth</TableTd>
              <TableTd>{auth.implementation}</TableTd>
              <TableTd>
                <Text size="sm" fw={600} c={auth.secretSource === "BETTER_AUTH_SECRET" ? "green.8" : "yellow.8"}>
                  {auth.secretSource === "BETTER_AUTH_SECRET" ? "Configured" : "Dev secret"}
                </Text>
              </TableTd>
              <TableTd>{auth.detail}</TableTd>
            </TableTr>
          </TableTbody>
        </Table>
        <SandboxTemplatesSection status={sandbox} />
        <Text size="sm" c="dimmed">
          Machine-readable: <Anchor href="/api/status">/api/status</Anchor>
        </Text>
      </Stack>
    </Container>
  );
}
