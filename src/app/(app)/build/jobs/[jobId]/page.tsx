import { Stack, Title } from "@mantine/core";
import { notFound } from "next/navigation";
import { JobProgress } from "@/components/appgen/job-progress";
import { requirePageViewer } from "@/server/auth/page";
import { isUuid } from "@/server/route-params";

export const dynamic = "force-dynamic";

/** A generation job's progress, read live from GET /api/appgen/jobs/:id (owner-only there). */
export default async function BuildJobPage(props: { params: Promise<{ jobId: string }> }) {
  await requirePageViewer();
  const { jobId } = await props.params;
  if (!isUuid(jobId)) notFound();
  return (
    <Stack gap="md">
      <Title order={3}>Building your app</Title>
      <JobProgress jobId={jobId} />
    </Stack>
  );
}
