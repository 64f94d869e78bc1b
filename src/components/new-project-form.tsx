"use client";

import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

interface ApiError {
  error?: string;
  fields?: { field: string; message: string }[];
}

/** Posts to /api/projects and opens the new project; field errors come back from the route's zod schema. */
export function NewProjectForm() {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setFieldErrors({});
    const res = await fetch("/api/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: form.get("name"), websiteUrl: form.get("websiteUrl") }),
    });
    const body = (await res.json().catch(() => ({}))) as ApiError & { project?: { id: string } };
    setPending(false);
    if (!res.ok || !body.project) {
      setFieldErrors(Object.fromEntries((body.fields ?? []).map((f) => [f.field, f.message])));
      setError(body.error ?? `Could not create the project (HTTP ${res.status})`);
      return;
    }
    router.push(`/projects/${body.project.id}`);
  }

  return (
    <form onSubmit={submit} aria-label="New project">
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group align="flex-start" grow>
          <TextInput
            label="Project name"
            name="name"
            required
            maxLength={120}
            error={fieldErrors.name && `Name ${fieldErrors.name}`}
          />
          <TextInput
            label="Website"
            name="websiteUrl"
            type="url"
            placeholder="https://example.com"
            error={fieldErrors.websiteUrl && `Website ${fieldErrors.websiteUrl}`}
          />
        </Group>
        <Group>
          <Button type="submit" loading={pending}>
            Create project
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
