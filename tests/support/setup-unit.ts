import { afterEach } from "vitest";
import { resetEnv } from "@/env";

// Tests mutate process.env to select implementations; never let one file's choice leak into the next.
afterEach(() => resetEnv());
