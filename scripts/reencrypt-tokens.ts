/**
 * `npm run keys:reencrypt [-- reason]`: after rotating ENCRYPTION_KEY, asks the engine (the Dev
 * Server, or Inngest Cloud with INNGEST_EVENT_KEY) to move every stored token onto the new key.
 * The function also runs daily at 03:07 UTC; its run output lists any key still missing.
 */
import { inngest } from "../inngest/client";
import { facebookTokensReencryptRequested } from "../inngest/events";

const reason = process.argv.slice(2).join(" ").slice(0, 200) || undefined;
const { ids } = await inngest.send(facebookTokensReencryptRequested.create({ reason }));
console.info(`Requested facebook/tokens.reencrypt-requested (event ${ids.join(", ")}); follow the run in the Inngest dashboard.`);
