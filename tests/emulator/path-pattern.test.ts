import fc from "fast-check";
import { compilePathPattern, matchesPath, PathPatternError } from "../../emulator/path-pattern";

// The fault table's path patterns: the backtracking-free subset of RegExp, matched in linear time.

const test = (pattern: string, input: string) => matchesPath(compilePathPattern(pattern), input);

describe("path patterns", () => {
  it.each([
    ["security-groups$", "/v2.0/security-groups", true],
    ["security-groups$", "/v2.0/security-groups/1", false],
    ["^/v2.0/security-groups$", "/v2.0/security-groups", true],
    ["^/v2.0/security-groups$", "/x/v2.0/security-groups", false],
    ["/security_groups/[^/]+$", "/instance/v1/zones/fr-par-1/security_groups/abc", true],
    ["/security_groups/[^/]+$", "/instance/v1/zones/fr-par-1/security_groups/abc/rules", false],
    ["/action$", "/v2.1/p/servers/s/action", true],
    ["\\d+\\.json$", "/v2.0/42.json", true],
    ["a\\$b", "/a$b", true],
    ["colou?r", "/color", true],
    ["^$", "", true],
    ["[a-c-]x", "/-x", true],
  ])("%s on %s is %s, as RegExp says", (pattern, input, expected) => {
    expect(test(pattern, input)).toBe(expected);
    expect(new RegExp(pattern).test(input)).toBe(expected);
  });

  it.each([
    ["^/(a+)+$", /groups and alternation/],
    ["a|b", /groups and alternation/],
    ["a{2}", /repetition counts/],
    ["*a", /nothing to repeat/],
    ["a**", /nothing to repeat/],
    ["\\1", /not supported/],
    ["[abc", /not closed/],
    ["a^b", /anchors/],
    ["x".repeat(1001), /at most 1000/],
  ])("refuses %s", (pattern, reason) => {
    expect(() => compilePathPattern(pattern)).toThrow(PathPatternError);
    expect(() => compilePathPattern(pattern)).toThrow(reason);
  });

  it("agrees with RegExp on generated patterns and paths of the subset", () => {
    const atom = fc.constantFrom("a", "b", "/", ".", "[ab]", "[^a]", "\\d", "1", "\\.");
    const step = fc.tuple(atom, fc.constantFrom("", "", "?", "*", "+")).map(([a, q]) => a + q);
    const pattern = fc
      .tuple(fc.boolean(), fc.array(step, { maxLength: 6 }), fc.boolean())
      .map(([s, steps, e]) => `${s ? "^" : ""}${steps.join("")}${e ? "$" : ""}`);
    const input = fc.stringMatching(/^[ab/1.x]{0,12}$/);
    fc.assert(
      fc.property(pattern, input, (p, s) => test(p, s) === new RegExp(p).test(s)),
      { numRuns: 3000 },
    );
  });

  it("stays linear where RegExp backtracks", () => {
    const started = Date.now();
    expect(test(".*.*.*.*.*.*x", "a".repeat(16_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
