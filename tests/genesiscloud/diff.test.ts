import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/genesiscloud/provider";
import { hasInlineRules } from "../../provider/genesiscloud/rule-modes";

// diff only compares: it must not write process state (the engine may call it any number of times, in preview too).
describe("genesiscloud diff", () => {
  it("of a group declaring inline rules does not mark the group as inline", async () => {
    const olds = {
      name: "a",
      description: "",
      liveRules: [{ protocol: "all", direction: "egress", portRangeMin: null, portRangeMax: null }],
    };
    const news = { name: "a", description: "", rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 22, portRangeMax: 22 }] };
    expect(await groups.diff!("sg-diff-only", olds, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(hasInlineRules("sg-diff-only")).toBe(false);
    const rule = { securityGroupId: "sg-diff-only", protocol: "tcp", direction: "ingress", portRangeMin: 80, portRangeMax: 80 };
    expect(await rules.diff!("r", rule, rule)).toEqual({ changes: false });
  });
});
