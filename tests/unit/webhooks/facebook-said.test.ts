import { describe, expect, it } from "vitest";
import { facebookSaid } from "@/server/webhooks/facebook-said";
import { reviewBlockedWords } from "@/server/webhooks/review-words";

describe("facebookSaid", () => {
  it("ends the sentence inside the quote when Facebook's words end in their own full stop, and adds one otherwise", () => {
    expect(facebookSaid("Ads may not make exaggerated claims.")).toBe("Facebook said: “Ads may not make exaggerated claims.”");
    expect(facebookSaid("Is this your ad?")).toBe("Facebook said: “Is this your ad?”");
    expect(facebookSaid(" Too much text in the image ")).toBe("Facebook said: “Too much text in the image”.");
  });

  it("a review message never reads “…”. after a reason that ends in a full stop", () => {
    const { message } = reviewBlockedWords({ label: "the ad “Fresh at 8am”", status: "WITH_ISSUES", reason: "Your ad promises results that are unlikely." });
    expect(message).toContain("Facebook said: “Your ad promises results that are unlikely.” Until it is fixed");
    expect(message).not.toContain("”.");
  });
});
