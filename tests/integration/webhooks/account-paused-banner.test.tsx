import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AccountPausedBanner } from "@/components/webhooks/account-paused-banner";
import { loadAccountPauses, projectAdAccountIds } from "@/components/webhooks/load-account-pauses";
import { recordAccountStanding } from "@/server/webhooks/ad-account-states";
import { readAccountStanding, type AccountStanding } from "@/server/webhooks/account-status";
import { freshAccountNumber, openWebhookTestDb, seedAccountUser } from "./support";

const handle = openWebhookTestDb();
const html = (pauses: Awaited<ReturnType<typeof loadAccountPauses>>) => renderToStaticMarkup(<MantineProvider><AccountPausedBanner pauses={pauses} /></MantineProvider>);

async function report(organizationId: string, accountNumber: string, value: Record<string, unknown>, time: number) {
  const standing = readAccountStanding({ object: "ad_account", entryId: accountNumber, value }) as AccountStanding;
  await recordAccountStanding(handle.db, { organizationId, standing, reportedAt: new Date(time * 1000) });
}

describe("AccountPausedBanner", () => {
  it("shows what Facebook said and what to do while the project's account is paused, for that organization only, and nothing once it runs", async () => {
    const n = freshAccountNumber();
    const c = await seedAccountUser(handle.db, "Banner", n);
    const other = await seedAccountUser(handle.db, "Bystander", n);
    await report(c.organizationId, n, { account_status: 2, disable_reason: 15 }, 1_790_000_000);

    const ids = await projectAdAccountIds(handle.db, { organizationId: c.organizationId, projectId: c.projectId });
    expect(ids).toEqual([`act_${n}`]);
    const pauses = await loadAccountPauses(handle.db, { organizationId: c.organizationId, adAccountIds: ids });
    const page = html(pauses);
    expect(page).toContain("Facebook disabled your ad account");
    expect(page).toContain("because Facebook thinks someone else got into the account.");
    expect(page).toContain("What to do: Open Account Quality");
    expect(page).toContain('role="alert"');
    expect(await loadAccountPauses(handle.db, { organizationId: other.organizationId, adAccountIds: ids })).toEqual([]);

    await report(c.organizationId, n, { account_status: 1 }, 1_790_000_100);
    const after = await loadAccountPauses(handle.db, { organizationId: c.organizationId, adAccountIds: ids });
    expect(after).toEqual([]);
    expect(html(after)).not.toContain(`role="alert"`);
  });
});
