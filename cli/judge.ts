// Judges live groups with the policy pack itself: each policy's own validateResource / validateStack, given the
// args object the engine would give it for a SecurityGroup declared with those arguments, with the pack's
// configuration, levels and exemptions.
import * as fs from "node:fs";
import type {
  EnforcementLevel,
  PolicyPackConfig,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { policies } from "../policies/policy-list";
import { loadPackConfig, PACK_CONFIG_ENV, packConfigFrom } from "../policies/pack-config";
import { UsageError } from "./clouds";
import type { LiveGroup } from "./live";

export type Level = "mandatory" | "advisory";

export interface Finding {
  cloud: string;
  scope: string;
  groupId: string;
  group: string;
  policy: string;
  level: Level;
  /** The violation message as the pack reports it. */
  message: string;
  /** The group's rules the message names (`rules[i]`), spelt out. */
  rules: string[];
}

interface ConfiguredPolicy {
  name: string;
  level: EnforcementLevel;
  config: Record<string, unknown>;
  resource?: ResourceValidationPolicy["validateResource"];
  stack?: StackValidationPolicy["validateStack"];
}

/** The pack's default level (policies/index.ts serves the pack with it). */
const PACK_LEVEL: EnforcementLevel = "advisory";

export interface PackSettings {
  /** The pack's initialConfig, as the pack builds it from the file. */
  config?: PolicyPackConfig;
  /** The file's per-policy levels (`"name": "advisory"` or `{ "enforcementLevel": ... }`). */
  levels: Record<string, EnforcementLevel>;
}

/** The pack config from `--config FILE`, else the file the pack reads ($SECGROUPS_POLICY_CONFIG), else none. */
export function readPackConfig(file: string | undefined): PackSettings {
  const source = file ?? process.env[PACK_CONFIG_ENV];
  if (!source) return { config: loadPackConfig(policies), levels: {} };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(fs.readFileSync(source, "utf8"));
  } catch (e) {
    throw new UsageError(`${file ? "--config" : PACK_CONFIG_ENV} ${source}: ${(e as Error).message}`);
  }
  const levels: Record<string, EnforcementLevel> = {};
  for (const [name, block] of Object.entries(json ?? {})) {
    const level = typeof block === "string" ? block : (block as { enforcementLevel?: unknown } | null)?.enforcementLevel;
    if (level === undefined) continue;
    if (typeof level !== "string" || !LEVELS.includes(level as EnforcementLevel))
      throw new UsageError(`--config ${source}: ${name}: enforcement level ${JSON.stringify(level)} is not one of ${LEVELS.join(", ")}`);
    levels[name] = level as EnforcementLevel;
  }
  return { config: packConfigFrom(policies, json as never), levels };
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Every policy with its level and settings; disabled ones left out. */
export function configuredPolicies(pack: PackSettings): ConfiguredPolicy[] {
  return policies.flatMap((p) => {
    const entry = pack.config?.[p.name] as unknown;
    const keys = Object.keys(p.configSchema?.properties ?? {});
    const settings = entry && typeof entry === "object" ? Object.fromEntries(Object.entries(entry).filter(([k]) => keys.includes(k))) : {};
    const level: EnforcementLevel = pack.levels[p.name] ?? p.enforcementLevel ?? PACK_LEVEL;
    if (level === "disabled") return [];
    return [
      {
        name: p.name,
        level,
        config: settings,
        resource: (p as ResourceValidationPolicy).validateResource,
        stack: (p as StackValidationPolicy).validateStack,
      },
    ];
  });
}

/** A policy's level as a finding's: remediate counts as mandatory (the engine blocks on it unless it can fix). */
const findingLevel = (l: EnforcementLevel): Level => (l === "advisory" ? "advisory" : "mandatory");

class NotApplicable extends Error {}

const resourceName = (g: LiveGroup): string => g.resource;

const urnOf = (g: LiveGroup): string => `urn:pulumi:audit::${g.cloud.replace("/", "-")}::${g.type}::${resourceName(g)}`;

/** `rules[i]` in a message, spelt out: the rule of the group's arguments it names. */
export function namedRules(message: string, args: Record<string, unknown>): string[] {
  const rules = Array.isArray(args.rules) ? (args.rules as Record<string, unknown>[]) : [];
  const indexes = [...new Set([...message.matchAll(/rules\[(\d+)\]/g)].map((m) => Number(m[1])))];
  return indexes
    .filter((i) => rules[i])
    .map(
      (i) =>
        `rules[${i}] ${Object.entries(rules[i])
          .filter(([, v]) => v !== null && v !== undefined && v !== "")
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}`,
    );
}

function resourceArgs(g: LiveGroup, config: Record<string, unknown>): ResourceValidationArgs {
  return {
    type: g.type,
    props: g.args,
    urn: urnOf(g),
    name: resourceName(g),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: () => ({ ...config }),
    notApplicable: () => {
      throw new NotApplicable();
    },
  } as unknown as ResourceValidationArgs;
}

/** Findings of every policy on `groups` (one cloud's, so that stack policies see them together). */
export async function judge(groups: LiveGroup[], configured: ConfiguredPolicy[]): Promise<Finding[]> {
  const out: Finding[] = [];
  const finding = (g: LiveGroup, p: ConfiguredPolicy, message: string): Finding => ({
    cloud: g.cloud,
    scope: g.scope,
    groupId: g.id,
    group: g.name,
    policy: p.name,
    level: findingLevel(p.level),
    message,
    rules: namedRules(message, g.args),
  });
  for (const g of groups) {
    for (const p of configured) {
      if (!p.resource) continue;
      const validations = Array.isArray(p.resource) ? p.resource : [p.resource];
      try {
        for (const v of validations) await v(resourceArgs(g, p.config), (m) => out.push(finding(g, p, String(m))));
      } catch (e) {
        if (!(e instanceof NotApplicable)) throw e;
      }
    }
  }
  const byUrn = new Map(groups.map((g) => [urnOf(g), g]));
  const resources = groups.map((g) => ({
    type: g.type,
    name: resourceName(g),
    urn: urnOf(g),
    props: g.args,
    opts: {},
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  })) as unknown as PolicyResource[];
  for (const p of configured) {
    if (!p.stack || !groups.length) continue;
    const args = {
      resources,
      getConfig: () => ({ ...p.config }),
      stackTags: new Map(),
      notApplicable: () => {
        throw new NotApplicable();
      },
    } as unknown as StackValidationArgs;
    try {
      await p.stack(args, (m, urn) => {
        const g = urn ? byUrn.get(urn) : undefined;
        if (g) out.push(finding(g, p, String(m)));
      });
    } catch (e) {
      if (!(e instanceof NotApplicable)) throw e;
    }
  }
  return out;
}
