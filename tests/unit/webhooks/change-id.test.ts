import { describe, expect, it } from "vitest";
import { canonicalJson, changeIdOf } from "@/server/webhooks/change-id";
import { findTooDeep } from "@/server/webhooks/delivery-schema";

describe("webhook change ids", () => {
  const change = { object: "page", entryId: "1", time: 10, field: "leadgen", value: { leadgen_id: "7", form_id: "8", nested: { b: 1, a: [2, { d: 3, c: 4 }] } } };

  it("sorts keys at every level, keeps array order", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(canonicalJson([{ z: null }, "é"])).toBe('[{"z":null},"é"]');
  });

  it("is the same for the same change whatever the key order, and differs when any part differs", () => {
    const reordered = { ...change, value: { nested: { a: [2, { c: 4, d: 3 }], b: 1 }, form_id: "8", leadgen_id: "7" } };
    expect(changeIdOf(reordered)).toBe(changeIdOf(change));
    expect(changeIdOf(change)).toMatch(/^[0-9a-f]{64}$/);
    const variants = [{ object: "ad_account" }, { entryId: "2" }, { time: 11 }, { field: "leadgen2" }, { value: { ...change.value, form_id: "9" } }];
    for (const v of variants) expect(changeIdOf({ ...change, ...v })).not.toBe(changeIdOf(change));
    // A value moved between fields or types is a different change ("1" is not 1).
    expect(changeIdOf({ ...change, value: { x: "1" } })).not.toBe(changeIdOf({ ...change, value: { x: 1 } }));
  });

  it("finds values nested too deep without recursing", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findTooDeep(deep, 32)).toBe(Array(33).fill("0").join("."));
    expect(findTooDeep({ a: { b: [1, 2] } }, 32)).toBeNull();
  });
});
