"use client";

import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "./auth-client";

type Mode = "sign-in" | "sign-up";

const copy: Record<Mode, { title: string; submit: string; switchText: string; switchHref: string; switchLink: string }> = {
  "sign-up": {
    title: "Create your agency",
    submit: "Sign up",
    switchText: "Already have an account?",
    switchHref: "/sign-in",
    switchLink: "Sign in",
  },
  "sign-in": {
    title: "Welcome back",
    submit: "Sign in",
    switchText: "New here?",
    switchHref: "/sign-up",
    switchLink: "Create an account",
  },
};

/** Email + password form for both sign-up and sign-in; on success the session cookie is set and we go to the dashboard. */
export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const text = copy[mode];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ name: String(form.get("name") ?? ""), email, password })
        : await authClient.signIn.email({ email, password });
    setPending(false);
    if (result.error) {
      setError(result.error.message ?? "Something went wrong. Please try again.");
      return;
    }
    router.push("/dashboard");
    router.refresh();
  }

  return (
    <Paper withBorder p="xl" radius="md" maw={420} mx="auto" mt={80}>
      <form method="post" onSubmit={submit} aria-label={text.title}>
        <Stack>
          <Title order={2}>{text.title}</Title>
          {error && (
            <Alert color="red" role="alert" title="Could not continue">
              {error}
            </Alert>
          )}
          {mode === "sign-up" && <TextInput label="Name" name="name" required autoComplete="name" />}
          <TextInput label="Email" name="email" type="email" required autoComplete="email" />
          <PasswordInput
            label="Password"
            name="password"
            required
            minLength={8}
            // Mantine's default toggle label contains "password", which would make the field's label ambiguous.
            visibilityToggleButtonProps={{ "aria-label": "Show what you typed" }}
            description={mode === "sign-up" ? "At least 8 characters" : undefined}
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          />
          <Button type="submit" loading={pending}>
            {text.submit}
          </Button>
          <Text size="sm">
            {text.switchText} <Anchor href={text.switchHref}>{text.switchLink}</Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
