import { creationToken, TOKEN_KEY } from "../../provider/core/creation-token";
import {
  ANNOUNCEMENT_TTL_MS,
  forgetAnnouncedCreates,
  noteChecked,
  noteChecking,
  noteCreating,
  pendingCreates,
  wasAnnounced,
  watchAnnouncedCreates,
} from "../../provider/core/expected-creates";
import { GRACE_MS, MAX_WAIT_MS, QUIET_MS, writeDelayMs } from "../../provider/genesiscloud/rule-sync";

const KIND = "genesiscloud:SecurityGroupRule";
const token = (name: string) => creationToken({ project: "p", stack: "s", type: KIND, name });
const news = (name: string, group: string) => ({ __provider: "x", securityGroupId: group, port: 1, [TOKEN_KEY]: token(name) });
const ok = (name: string, group: string) => ({ inputs: news(name, group), failures: [] });
watchAnnouncedCreates(KIND, (inputs) => inputs.securityGroupId as string);

describe("announced creates", () => {
  beforeEach(forgetAnnouncedCreates);

  it("the check of a new resource announces its create from its start until the create with its token arrives", () => {
    noteChecking(KIND, {}, news("a", "g1"));
    noteChecking(KIND, {}, news("b", "g1"));
    noteChecking(KIND, {}, news("c", "g2"));
    expect(pendingCreates(KIND, "g1")).toBe(2);
    noteChecked(KIND, news("a", "g1"), ok("a", "g1"));
    expect(pendingCreates(KIND, "g1")).toBe(2);
    expect(wasAnnounced(KIND, token("a"))).toBe(false);
    noteCreating(KIND, news("a", "g1"));
    expect(pendingCreates(KIND, "g1")).toBe(1);
    expect(wasAnnounced(KIND, token("a"))).toBe(true);
    noteCreating(KIND, news("a", "g1")); // twice: still one arrival
    expect(pendingCreates(KIND, "g1")).toBe(1);
    noteChecking("other:Kind", {}, news("d", "g1")); // a kind nobody watches is not recorded
    expect(pendingCreates("other:Kind", "g1")).toBe(0);
  });

  it("announces nothing for an existing resource or inputs without a token, and withdraws what a failed check announced", () => {
    noteChecking(KIND, { securityGroupId: "g1" }, news("old", "g1"));
    noteChecking(KIND, undefined, { securityGroupId: "g1" });
    noteChecking(KIND, {}, { securityGroupId: "g1", [TOKEN_KEY]: "not-a-token" });
    expect(pendingCreates(KIND, "g1")).toBe(0);
    for (const [name, result] of [
      ["bad", { inputs: news("bad", "g1"), failures: [{ property: "port", reason: "no" }] }],
      ["threw", undefined],
    ] as const) {
      noteChecking(KIND, {}, news(name, "g1"));
      expect(pendingCreates(KIND, "g1")).toBe(1);
      noteChecked(KIND, news(name, "g1"), result);
      expect(pendingCreates(KIND, "g1")).toBe(0);
    }
    expect(wasAnnounced(KIND, undefined)).toBe(false);
  });

  it("forgets an announcement the engine never followed up on", () => {
    noteChecking(KIND, {}, news("a", "g1"), 1_000);
    expect(pendingCreates(KIND, "g1", 1_000 + ANNOUNCEMENT_TTL_MS)).toBe(1);
    expect(pendingCreates(KIND, "g1", 1_001 + ANNOUNCEMENT_TTL_MS)).toBe(0);
  });

  it("counts a resource checked again (a second check before its create) once", () => {
    noteChecking(KIND, {}, news("a", "g1"));
    noteChecking(KIND, {}, news("a", "g1"));
    expect(pendingCreates(KIND, "g1")).toBe(1);
    noteCreating(KIND, news("a", "g1"));
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
