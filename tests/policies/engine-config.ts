// The engine's policy pack config handling, reimplemented from pulumi/pulumi v3.274.1
// pkg/resource/analyzer/config.go (parsePolicyConfigs, ReconcilePolicyPackConfig, applyConfig,
// validatePolicyPackConfig) and sdk/go/common/resource/plugin/analyzer_plugin.go (convertPolicyConfig:
// an initialConfig entry's level comes from the proto enum, so a missing one is 0 = ADVISORY). Tests
// configure the pack as the CLI does: GetAnalyzerInfo -> reconcile -> Configure.

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";
const VALID: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];
/** apitype.EnforcementLevel.IsValid; "" (not given) is not valid. */
const isValid = (l: unknown): l is Level => typeof l === "string" && VALID.includes(l);

/** plugin.AnalyzerPolicyConfig: `level` "" when the config does not give one. */
export interface PolicyConfig {
  level: Level | "";
  properties?: Record<string, unknown>;
}

/** The parts of plugin.AnalyzerPolicyInfo reconciliation reads. */
export interface PolicyInfo {
  name: string;
  level: Level;
  schema: Record<string, any>;
  required?: string[];
}

/** parsePolicyConfigs: a --policy-pack-config file (unversioned) -> config per policy; throws as the CLI refuses. */
export function parsePolicyConfigs(file: Record<string, unknown>): Record<string, PolicyConfig> {
  const out: Record<string, PolicyConfig> = {};
  for (const [k, v] of Object.entries(file)) {
    let level: Level | "" = "";
    let properties: Record<string, unknown> | undefined;
    if (typeof v === "string") {
      if (!isValid(v)) throw new Error(`parsing enforcement level for "${k}": "${v}" is not a valid enforcement level`);
      level = v;
    } else if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const { enforcementLevel, ...rest } = v as Record<string, unknown>;
      if (enforcementLevel !== undefined) {
        if (typeof enforcementLevel !== "string")
          throw new Error(`parsing enforcement level for "${k}": ${enforcementLevel} is not a valid enforcement level; must be a string`);
        if (!isValid(enforcementLevel))
          throw new Error(`parsing enforcement level for "${k}": "${enforcementLevel}" is not a valid enforcement level`);
        level = enforcementLevel;
      }
      if (Object.keys(rest).length) properties = rest;
    } else {
      throw new Error(`parsing "${k}": ${v} is not a valid value; must be a string or object`);
    }
    if (level === "" && !properties) continue;
    out[k] = { level, properties };
  }
  return out;
}

/** The initialConfig of GetAnalyzerInfo as the engine converts it: every entry has the level of its proto enum (0 = advisory). */
export function initialConfigFromInfo(initial: Record<string, unknown>): Record<string, PolicyConfig> {
  return Object.fromEntries(
    Object.entries(initial).map(([k, v]) => {
      const { level, ...properties } = v as { level: Level } & Record<string, unknown>;
      return [k, { level, properties }];
    }),
  );
}

function createConfigWithDefaults(policies: readonly PolicyInfo[]): Record<string, PolicyConfig> {
  const out: Record<string, PolicyConfig> = {};
  for (const p of policies) {
    let properties: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(p.schema ?? {})) {
      if (v && typeof v === "object" && "default" in v) (properties ??= {})[k] = v.default;
    }
    out[p.name] = { level: p.level, properties };
  }
  return out;
}

function applyConfig(result: Record<string, PolicyConfig>, toApply: Record<string, PolicyConfig>): Record<string, PolicyConfig> {
  const all = toApply["all"];
  if (all && isValid(all.level)) for (const [k, v] of Object.entries(result)) result[k] = { level: all.level, properties: v.properties };
  for (const [policy, given] of Object.entries(toApply)) {
    let level: Level | "" = result[policy]?.level ?? "";
    let properties = result[policy]?.properties;
    if (isValid(given.level)) level = given.level;
    if (given.properties && Object.keys(given.properties).length && !properties) properties = {};
    if (properties) Object.assign(properties, given.properties ?? {});
    result[policy] = { level, properties };
  }
  return result;
}

/** ReconcilePolicyPackConfig: defaults, then initialConfig, then the given config; validation errors as "<policy>: <error>". */
export function reconcile(
  policies: readonly PolicyInfo[],
  initial?: Record<string, PolicyConfig>,
  config?: Record<string, PolicyConfig>,
): { config: Record<string, PolicyConfig>; errors: string[] } {
  let result = createConfigWithDefaults(policies);
  if (initial) result = applyConfig(result, initial);
  if (config) result = applyConfig(result, config);
  const errors: string[] = [];
  for (const p of policies) {
    for (const e of validate({ type: "object", properties: p.schema, required: p.required }, result[p.name]?.properties ?? {}, "(root)")) {
      errors.push(`${p.name}: ${e.replace(/^\(root\): /, "")}`);
    }
  }
  return { config: result, errors };
}

/** The content of a Configure request built from reconciled config, in the shape AnalyzerHost.configure sends. */
export const toConfigureRequest = (config: Record<string, PolicyConfig>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, { ...(v.level ? { enforcementLevel: v.level } : {}), ...(v.properties ?? {}) }]),
  );

// The JSON Schema keywords the pack's configSchema uses, checked as gojsonschema does ("<field>: <description>").
function validate(schema: Record<string, any>, value: unknown, field: string): string[] {
  const errors: string[] = [];
  const type = schema.type as string | undefined;
  const typeOk =
    type === undefined ||
    (type === "object" && value !== null && typeof value === "object" && !Array.isArray(value)) ||
    (type === "array" && Array.isArray(value)) ||
    (type === "string" && typeof value === "string") ||
    (type === "boolean" && typeof value === "boolean") ||
    (type === "integer" && Number.isInteger(value)) ||
    (type === "number" && typeof value === "number");
  if (!typeOk)
    return [`${field}: Invalid type. Expected: ${type}, given: ${Array.isArray(value) ? "array" : value === null ? "null" : typeof value}`];
  if (type === "object") {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${field}: ${r} is required`);
    for (const [k, sub] of Object.entries<Record<string, any>>(schema.properties ?? {})) {
      if (k in obj) errors.push(...validate(sub, obj[k], field === "(root)" ? k : `${field}.${k}`));
    }
  }
  if (type === "array" && schema.items) (value as unknown[]).forEach((x, i) => errors.push(...validate(schema.items, x, `${field}.${i}`)));
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors.push(`${field}: String length must be greater than or equal to ${schema.minLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
      errors.push(`${field}: Does not match pattern '${schema.pattern}'`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${field}: Must be greater than or equal to ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${field}: Must be less than or equal to ${schema.maximum}`);
  }
  return errors;
}
