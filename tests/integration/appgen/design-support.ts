import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { appDesignRequested } from "@/inngest/events";
import { proposeAppDesign } from "@/inngest/functions/appgen/propose-app-design";
import { createDesign } from "@/server/appgen/design/records";
import type { Db } from "@/server/db";
import { appDesigns } from "@/server/db/schema";
import { testCtx, type World } from "../campaigns/support";

/** A PROPOSING design for the world's project, as POST /api/appgen/designs makes it. */
export async function seedDesign(db: Db, w: World) {
  const created = await createDesign(db, { organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId });
  if (!created || created === "no-brief") throw new Error("the seeded world should have a project with a brief");
  return { organizationId: w.organizationId, ownerId: w.owner.userId, projectId: w.projectId, designId: created.designId };
}

/** Runs propose-app-design once through @inngest/test, recording what it sent. */
export async function runDesign(d: Awaited<ReturnType<typeof seedDesign>>) {
  const ctx = testCtx();
  const out = await new InngestTestEngine({
    function: proposeAppDesign,
    events: [appDesignRequested.create(d, { id: d.designId }) as never],
    transformCtx: ctx.transformCtx,
  }).execute();
  return { ...out, sent: ctx.sent };
}

export async function designRow(db: Db, designId: string) {
  const [row] = await db.select().from(appDesigns).where(eq(appDesigns.id, designId));
  return row!;
}
