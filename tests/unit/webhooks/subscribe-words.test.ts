import { describe, expect, it } from "vitest";
import { isPermissionError, type RefusedSubscription } from "@/server/webhooks/subscribe";
import { subscriptionRefusedText } from "@/server/webhooks/subscribe-words";

const page: RefusedSubscription = { target: "page", status: "refused", permission: true, code: 200, reason: "(#200) Requires pages_manage_metadata" };
const adAccount: RefusedSubscription = { target: "ad-account", status: "refused", permission: true, code: 10, reason: null };

describe("isPermissionError", () => {
  it("is Graph's permission family only", () => {
    expect([3, 10, 200, 230, 299].every(isPermissionError)).toBe(true);
    expect([1, 2, 4, 17, 100, 190, 300, 80004].some(isPermissionError)).toBe(false);
  });
});

describe("subscriptionRefusedText", () => {
  it("the Page: what will not work, what to do, where leads are meanwhile; no Graph jargon", () => {
    const { title, body } = subscriptionRefusedText([page]);
    expect(title).toBe("New leads will not arrive automatically");
    expect(body).toBe(
      "Facebook did not agree to send the agency the leads from your Facebook Page. So new leads from your ads will not arrive here on their own, and you will not be told about them. " +
        "To fix it, reconnect Facebook with a login that has a role on your Page (an admin, for example) and allow everything Facebook asks for, including access to leads and to your Page. " +
        "Until then, new leads are in Meta Business Suite.",
    );
    expect(body).not.toMatch(/#200|pages_manage_metadata/);
  });

  it("both refused: one message naming both consequences and both fixes", () => {
    const { title, body } = subscriptionRefusedText([page, adAccount]);
    expect(title).toBe("Leads and ad updates from Facebook will not arrive");
    expect(body).toContain("send the agency the leads from your Facebook Page, nor to tell the agency about changes on your ad account.");
    expect(body).toContain("when Facebook stops your ad account.");
    expect(body).toContain("(an admin, for example) and allow everything Facebook asks for, including access to leads and to your Page, and managing your ads.");
    expect(body.match(/reconnect Facebook/g)).toHaveLength(1);
  });

  it("another refusal quotes Facebook's words for people and says to reconnect or contact support", () => {
    const { title, body } = subscriptionRefusedText([{ ...adAccount, permission: false, code: 100, reason: "This ad account cannot be used right now" }]);
    expect(title).toBe("Facebook will not tell us about changes to your ads");
    expect(body).toContain("Facebook said: “This ad account cannot be used right now”.");
    expect(body).toContain("To fix it, reconnect Facebook. If this keeps happening, contact support.");
    expect(body).not.toContain("Meta Business Suite");
  });
});
