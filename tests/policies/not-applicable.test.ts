// policy-kit's notApplicable keeps the SDK's error per reason and throws it again (the SDK reads only its reason).
import { ResourceValidationArgs } from "@pulumi/policy";
import { notApplicable } from "../../policies/engine/policy-kit";

class SdkNotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const argsCounting = (calls: string[]): ResourceValidationArgs =>
  ({
    notApplicable: (reason: string) => {
      calls.push(reason);
      throw new SdkNotApplicable(reason);
    },
  }) as unknown as ResourceValidationArgs;

const reasonThrown = (args: ResourceValidationArgs, reason: string): string => {
  try {
    notApplicable(args, reason);
  } catch (e) {
    expect(e).toBeInstanceOf(SdkNotApplicable);
    return (e as SdkNotApplicable).reason;
  }
  throw new Error("notApplicable returned");
};

describe("notApplicable", () => {
  test("each reason comes back as its own, alternating, and the SDK builds one error per reason", () => {
    const calls: string[] = [];
    const args = argsCounting(calls);
    const seen = ["kept-a", "kept-b", "kept-a", "kept-b", "kept-a"].map((r) => reasonThrown(args, r));
    expect(seen).toEqual(["kept-a", "kept-b", "kept-a", "kept-b", "kept-a"]);
    expect(calls).toEqual(["kept-a", "kept-b"]);
  });

  test("an SDK whose notApplicable returns is reported, naming the reason", () => {
    const args = { notApplicable: () => undefined } as unknown as ResourceValidationArgs;
    expect(() => notApplicable(args, "returned-reason")).toThrow(/notApplicable returned instead of throwing \(reason: returned-reason\)/);
  });

  test("the stack trace limit is restored", () => {
    const before = Error.stackTraceLimit;
    reasonThrown(argsCounting([]), "limit-reason");
    expect(Error.stackTraceLimit).toBe(before);
  });
});
