import { claim, forgetAdoptions } from "../../provider/core/adopted-ids";
import { candidates, GroupSummary, UNCONFIRMED_KEY, unconfirmedOf } from "../../provider/core/unconfirmed-create";
import { securityGroupProvider as nhnGroups } from "../../provider/nhn/provider";

// How a later run recognises the group an unconfirmed create made (provider/core/unconfirmed-create.ts).

const at = (iso: string) => Date.parse(iso);
const group = (id: string, extra: Partial<GroupSummary> = {}): GroupSummary => ({ id, name: "web", description: "", ...extra });

afterEach(forgetAdoptions);

describe("candidates", () => {
  it("skips the same-named groups that existed before the create", () => {
    const listed = [group("old-1"), group("new"), group("old-2")];
    expect(candidates({ name: "web", description: "", notAmong: ["old-1", "old-2"] }, listed).map((g) => g.id)).toEqual(["new"]);
  });

  it("takes groups created since the create began, allowing a minute of clock skew", () => {
    const since = at("2026-12-01T12:00:00Z");
    const listed = [
      group("long-before", { createdAt: "2026-12-01T11:58:59Z" }),
      group("skewed", { createdAt: "2026-12-01T11:59:30Z" }),
      group("after", { createdAt: "2026-12-01T12:00:02Z" }),
      group("no-time"),
    ];
    expect(candidates({ name: "web", description: "", createdSince: since }, listed).map((g) => g.id)).toEqual(["skewed", "after"]);
  });

  it("needs the exact name, description and region", () => {
    const listed = [
      group("other-name", { name: "web2" }),
      group("other-description", { description: "x" }),
      group("other-region", { region: "ARC-IS-HAF-1" }),
      group("same", { region: "NORD-NO-KRS-1" }),
    ];
    expect(candidates({ name: "web", description: "", region: "NORD-NO-KRS-1" }, listed).map((g) => g.id)).toEqual(["same"]);
  });

  it("never hands over a group a resource of this process owns", () => {
    claim("mine");
    expect(candidates({ name: "web", description: "" }, [group("mine"), group("free")]).map((g) => g.id)).toEqual(["free"]);
  });
});

describe("unconfirmedOf", () => {
  it("reads a recorded lookup and ignores outputs without one or with a malformed one", () => {
    expect(unconfirmedOf({ [UNCONFIRMED_KEY]: { name: "web", description: "", notAmong: ["a"] } })).toEqual({
      name: "web",
      description: "",
      notAmong: ["a"],
    });
    expect(unconfirmedOf({ name: "web" })).toBeUndefined();
    expect(unconfirmedOf({ [UNCONFIRMED_KEY]: { name: 3 } })).toBeUndefined();
  });
});

describe("diff of an unconfirmed resource", () => {
  it("asks for a replacement (create before delete), without calling the cloud", async () => {
    const olds = { name: "web", description: "", [UNCONFIRMED_KEY]: { name: "web", description: "", notAmong: [] } };
    const news = { name: "web", description: "", deleteDefaultRules: false, __creationToken: "sgt-000000000000000000000001" };
    expect(await nhnGroups.diff!("unconfirmed-sgt-000000000000000000000001", olds, news)).toEqual({
      changes: true,
      replaces: [UNCONFIRMED_KEY],
      deleteBeforeReplace: false,
    });
  });
});
