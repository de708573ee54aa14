import { creationToken, TOKEN_KEY } from "../../provider/core/creation-token";
import {
  ANNOUNCEMENT_TTL_MS,
  forgetAnnouncedCreates,
  noteChecked,
  noteCreating,
  pendingCreates,
  wasAnnounced,
  watchAnnouncedCreates,
} from "../../provider/core/expected-creates";
import { GRACE_MS, MAX_WAIT_MS, QUIET_MS, writeDelayMs } from "../../provider/genesiscloud/rule-sync";

const KIND = "genesiscloud:SecurityGroupRule";
const token = (name: string) => creationToken({ project: "p", stack: "s", type: KIND, name });
const checked = (name: string, group: string) => ({ inputs: { securityGroupId: group, port: 1, [TOKEN_KEY]: token(name) }, failures: [] });
watchAnnouncedCreates(KIND, (inputs) => inputs.securityGroupId as string);

describe("announced creates", () => {
  beforeEach(forgetAnnouncedCreates);

  it("a successful check of a new resource announces its create until the create with its token arrives", () => {
    noteChecked(KIND, {}, checked("a", "g1"));
    noteChecked(KIND, {}, checked("b", "g1"));
    noteChecked(KIND, {}, checked("c", "g2"));
    expect(pendingCreates(KIND, "g1")).toBe(2);
    expect(wasAnnounced(KIND, token("a"))).toBe(false);
    noteCreating(KIND, { __provider: "x", ...checked("a", "g1").inputs });
    expect(pendingCreates(KIND, "g1")).toBe(1);
    expect(wasAnnounced(KIND, token("a"))).toBe(true);
    noteCreating(KIND, { __provider: "x", ...checked("a", "g1").inputs }); // twice: still one arrival
    expect(pendingCreates(KIND, "g1")).toBe(1);
    noteChecked("other:Kind", {}, checked("d", "g1")); // a kind nobody watches is not recorded
    expect(pendingCreates("other:Kind", "g1")).toBe(0);
  });

  it("announces nothing for an existing resource, a failed check or inputs without a token", () => {
    noteChecked(KIND, { securityGroupId: "g1" }, checked("old", "g1"));
    noteChecked(KIND, {}, { ...checked("bad", "g1"), failures: [{ property: "port", reason: "no" }] });
    noteChecked(KIND, undefined, { inputs: { securityGroupId: "g1" } });
    noteChecked(KIND, {}, { inputs: { securityGroupId: "g1", [TOKEN_KEY]: "not-a-token" } });
    expect(pendingCreates(KIND, "g1")).toBe(0);
    expect(wasAnnounced(KIND, undefined)).toBe(false);
  });

  it("forgets an announcement the engine never followed up on", () => {
    noteChecked(KIND, {}, checked("a", "g1"), 1_000);
    expect(pendingCreates(KIND, "g1", 1_000 + ANNOUNCEMENT_TTL_MS)).toBe(1);
    expect(pendingCreates(KIND, "g1", 1_001 + ANNOUNCEMENT_TTL_MS)).toBe(0);
  });

  it("counts a resource checked again (a second check before its create) once", () => {
    noteChecked(KIND, {}, checked("a", "g1"));
    noteChecked(KIND, {}, checked("a", "g1"));
    expect(pendingCreates(KIND, "g1")).toBe(1);
    noteCreating(KIND, checked("a", "g1").inputs);
    expect(pendingCreates(KIND, "g1")).toBe(0);
  });
});

describe("Genesis rule write delay", () => {
  const add = { announced: true };
  it("is a short grace when every queued change is an announced add and none is still to come", () => {
    expect(writeDelayMs([add, add], 0, 0, 0)).toBe(GRACE_MS);
    expect(GRACE_MS).toBeLessThan(QUIET_MS);
  });

  it("waits the quiet window for unannounced changes (deletes, calls from outside the engine) or announced creates to come", () => {
    expect(writeDelayMs([add, { announced: false }], 0, 0, 0)).toBe(QUIET_MS);
    expect(writeDelayMs([add], 1, 0, 0)).toBe(QUIET_MS);
  });

  it("never waits past the cap after the first change", () => {
    expect(writeDelayMs([add], 1, 0, MAX_WAIT_MS - 10)).toBe(10);
    expect(writeDelayMs([add], 1, 0, MAX_WAIT_MS + 10)).toBe(0);
  });
});
