import { bulkCreateByTuple } from "../../provider/core/bulk-create";
import { matchByTuple } from "../../provider/core/tuple-match";
import { SecgroupsError } from "../../provider/core/errors";
import { BatchCalls, RuleBatcher } from "../../provider/core/rule-batcher";

const id = (x: string) => x;

describe("matchByTuple", () => {
  it("pairs by tuple whatever the order of the answer, each found rule once", () => {
    const found = [
      { key: "b", id: 1 },
      { key: "a", id: 2 },
      { key: "b", id: 3 },
    ];
    expect(matchByTuple(["a", "b", "b", "c"], found, id, (f) => f.key)).toEqual([
      { result: { key: "a", id: 2 } },
      { result: { key: "b", id: 1 } },
      { result: { key: "b", id: 3 } },
      undefined,
    ]);
  });
});

describe("bulkCreateByTuple", () => {
  const ambiguous = new SecgroupsError("Ambiguous", { operation: "bulk" }, "no answer");
  it("after an unanswered bulk call, takes what the listing shows by tuple and leaves the rest to be sent again", async () => {
    const out = await bulkCreateByTuple({
      what: "g",
      ops: ["x", "y"],
      send: () => Promise.reject(ambiguous),
      list: async () => ["q", "y"],
      opKey: id,
      liveKey: id,
    });
    expect(out).toEqual([undefined, { result: "y" }]);
  });

  it("throws a refusal as is", async () => {
    const refused = new SecgroupsError("Validation", { operation: "bulk", status: 400 }, "bad rule");
    await expect(
      bulkCreateByTuple({ what: "g", ops: ["x"], send: () => Promise.reject(refused), list: async () => [], opKey: id, liveKey: id }),
    ).rejects.toBe(refused);
  });
});

describe("RuleBatcher", () => {
  function recorder(maxBatch: number, refuse: (ops: number[]) => boolean = () => false) {
    const batches: number[][] = [];
    const singles: number[] = [];
    const calls: BatchCalls<number, string> = {
      what: "test",
      maxBatch,
      sendBatch: async (ops) => {
        batches.push(ops);
        if (refuse(ops)) throw new Error("refused");
        return ops.map((o) => ({ result: `bulk ${o}` }));
      },
      sendOne: async (o) => {
        singles.push(o);
        if (o === 13) throw new Error(`rule ${o} is bad`);
        return `alone ${o}`;
      },
    };
    return { batches, singles, calls };
  }

  it("sends what arrives together in chunks of the bulk limit, and queues what arrives while a call is in flight", async () => {
    const batcher = new RuleBatcher<number, string>();
    const r = recorder(4);
    const first = Promise.all([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((o) => batcher.submit("g", o, r.calls)));
    await new Promise((resolve) => setImmediate(resolve));
    const later = Promise.all([10, 11].map((o) => batcher.submit("g", o, r.calls)));
    expect(await first).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((o) => `bulk ${o}`));
    expect(await later).toEqual(["bulk 10", "bulk 11"]);
    expect(r.batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
      [10, 11],
    ]);
    expect(r.singles).toEqual([]);
  });

  it("falls back to one call per operation for a refused chunk only; a bad one fails alone with its own error", async () => {
    const batcher = new RuleBatcher<number, string>();
    const r = recorder(3, (ops) => ops.includes(13));
    const results = await Promise.allSettled([10, 11, 12, 13, 14].map((o) => batcher.submit("g", o, r.calls)));
    expect(results.map((x) => (x.status === "fulfilled" ? x.value : (x.reason as Error).message))).toEqual([
      "bulk 10",
      "bulk 11",
      "bulk 12",
      "rule 13 is bad",
      "alone 14",
    ]);
    expect(r.singles).toEqual([13, 14]);
  });

  it("keeps groups apart and sends a lone operation on its own", async () => {
    const batcher = new RuleBatcher<number, string>();
    const r = recorder(10);
    expect(await Promise.all([batcher.submit("g1", 1, r.calls), batcher.submit("g2", 2, r.calls)])).toEqual(["alone 1", "alone 2"]);
    expect(r.batches).toEqual([]);
  });
});

describe("RuleBatcher with several calls in flight", () => {
  it("sends what arrives while a call is in flight at once, without waiting for it", async () => {
    const batcher = new RuleBatcher<number, number>(0, Number.POSITIVE_INFINITY);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: number[][] = [];
    const calls: BatchCalls<number, number> = {
      what: "dry runs",
      maxBatch: 10,
      sendBatch: async (ops) => {
        sent.push(ops);
        if (ops.includes(0)) await gate;
        return ops.map((o) => ({ result: o }));
      },
      sendOne: async (o) => {
        sent.push([o]);
        if (o === 0) await gate;
        return o;
      },
    };
    const first = batcher.submit("g", 0, calls);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await Promise.all([1, 2].map((o) => batcher.submit("g", o, calls)))).toEqual([1, 2]);
    release();
    expect(await first).toBe(0);
    expect(sent).toEqual([[0], [1, 2]]);
  });
});
