// Risky and clean groups on every cloud, created through each cloud's API (with the providers' own create), and
// the settings that point the CLI at the emulator (the `secgroups:*` keys of `pulumi config --json`).
import { execFile } from "node:child_process";
import * as path from "node:path";
import type { CloudName } from "../../cli/clouds";
import { REPO_ROOT } from "../helpers/provider-host";
import type { TestEmulator } from "../helpers/emulator";

export interface SeedCase {
  cloud: CloudName;
  name: string;
  args: Record<string, unknown>;
  /** The policies (and levels) the audit must report on this group; [] for a clean group (no mandatory finding). */
  mandatory: string[];
}

const OFFICE = "10.0.0.0/8";

export const SEEDS: SeedCase[] = [
  {
    cloud: "nhn",
    name: "nhn-ssh-world",
    args: {
      name: "nhn-ssh-world",
      description: "risky",
      rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "0.0.0.0/0" }],
    },
    mandatory: ["no-admin-ports-from-world"],
  },
  {
    cloud: "nhn",
    name: "nhn-web-office",
    args: {
      name: "nhn-web-office",
      description: "clean",
      rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: OFFICE }],
    },
    mandatory: [],
  },
  {
    cloud: "openstack",
    name: "os-mysql-world",
    args: {
      name: "os-mysql-world",
      description: "risky",
      rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 3306, portRangeMax: 3306, remoteIpPrefix: "0.0.0.0/0" }],
    },
    mandatory: ["no-sensitive-ports-from-world"],
  },
  {
    cloud: "openstack",
    name: "os-web-office",
    args: {
      name: "os-web-office",
      description: "clean",
      rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: OFFICE }],
    },
    mandatory: [],
  },
  {
    cloud: "huaweicloud",
    name: "hw-all-world",
    args: {
      name: "hw-all-world",
      description: "risky",
      rules: [{ direction: "ingress", protocol: "tcp", multiport: "1-65535", remoteIpPrefix: "0.0.0.0/0" }],
    },
    mandatory: ["no-admin-ports-from-world", "no-all-ports-from-world", "no-sensitive-ports-from-world"],
  },
  {
    cloud: "huaweicloud",
    name: "hw-web-office",
    args: {
      name: "hw-web-office",
      description: "clean",
      rules: [{ direction: "ingress", protocol: "tcp", multiport: "443", remoteIpPrefix: OFFICE }],
    },
    mandatory: [],
  },
  {
    cloud: "huaweicloud/nova",
    name: "nova-rdp-world",
    args: { name: "nova-rdp-world", description: "risky", rules: [{ ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidr: "0.0.0.0/0" }] },
    mandatory: ["no-admin-ports-from-world"],
  },
  {
    cloud: "huaweicloud/nova",
    name: "nova-web-office",
    args: { name: "nova-web-office", description: "clean", rules: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidr: OFFICE }] },
    mandatory: [],
  },
  {
    cloud: "scaleway",
    name: "scw-accept-inbound",
    args: {
      name: "scw-accept-inbound",
      description: "risky",
      inboundDefaultPolicy: "accept",
      rules: [{ protocol: "TCP", direction: "inbound", action: "accept", ipRange: OFFICE, destPortFrom: 443 }],
    },
    mandatory: ["scaleway-inbound-default-drop", "no-admin-ports-from-world", "no-all-ports-from-world", "no-sensitive-ports-from-world"],
  },
  {
    cloud: "scaleway",
    name: "scw-web-office",
    args: {
      name: "scw-web-office",
      description: "clean",
      inboundDefaultPolicy: "drop",
      rules: [{ protocol: "TCP", direction: "inbound", action: "accept", ipRange: OFFICE, destPortFrom: 443 }],
    },
    mandatory: [],
  },
  {
    cloud: "genesiscloud",
    name: "gc-ssh",
    args: {
      name: "gc-ssh",
      description: "risky",
      rules: [
        { protocol: "tcp", direction: "ingress", portRangeMin: 22, portRangeMax: 22 },
        { protocol: "all", direction: "egress" },
      ],
    },
    mandatory: ["no-admin-ports-from-world"],
  },
  {
    cloud: "genesiscloud",
    name: "gc-egress-only",
    args: { name: "gc-egress-only", description: "clean", rules: [{ protocol: "all", direction: "egress" }] },
    mandatory: [],
  },
];

const MODULE: Record<CloudName, string> = {
  nhn: "nhn",
  openstack: "openstack",
  huaweicloud: "huaweicloud",
  "huaweicloud/nova": "huaweicloud/nova",
  scaleway: "scaleway",
  genesiscloud: "genesiscloud",
};

/** The `secgroups:*` settings of every cloud for this emulator (what `pulumi config --json` would hold). */
export function emulatorSettings(emu: TestEmulator): Record<string, string> {
  const os = emu.describe().openstack as Record<string, string>;
  return {
    ...emu.demoConfig(),
    "secgroups:openstackAuthUrl": os.authUrl,
    "secgroups:openstackUsername": os.username,
    "secgroups:openstackPassword": os.password,
    "secgroups:openstackProjectName": os.projectName,
    "secgroups:openstackRegion": os.region,
    "secgroups:huaweicloudDryRun": "false",
  };
}

/** The CLI as users run it (the compiled bin: jest cannot load the providers' ESM http client in-process). */
export function runCli(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "cli", "secgroups.js"), ...argv],
      { env: { ...cleanEnv(), ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The environment without any cloud credential of the machine (nothing may reach a real cloud). */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(OS_|HW_|HUAWEICLOUD_|SCW_|GENESISCLOUD_|NHN_|OPENSTACK_|PULUMI_CONFIG$)/.test(k)),
  );
}

const SEEDER = `
const { useStackConfig } = require("./dist/provider/core/settings");
const { implementationFor } = require("./dist/provider/registry");
(async () => {
  const { settings, cases } = JSON.parse(require("fs").readFileSync(0, "utf8"));
  useStackConfig((k) => settings[k]);
  const ids = {};
  for (const c of cases) {
    const impl = implementationFor(c.module + ":SecurityGroup");
    const checked = await impl.check({}, c.args);
    if (checked.failures && checked.failures.length) throw new Error(c.name + ": " + JSON.stringify(checked.failures));
    ids[c.name] = (await impl.create(checked.inputs)).id;
  }
  process.stdout.write(JSON.stringify(ids));
})().catch((e) => { console.error(e); process.exit(1); });
`;

/** Creates each seed through the cloud's API (the providers' own check and create, in a child process); ids by seed name. */
export function seed(settings: Record<string, string>, cases: SeedCase[] = SEEDS): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["-e", SEEDER],
      { cwd: REPO_ROOT, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`seeding failed: ${stderr}`));
        else resolve(new Map(Object.entries(JSON.parse(stdout) as Record<string, string>)));
      },
    );
    child.stdin!.end(JSON.stringify({ settings, cases: cases.map((c) => ({ ...c, module: MODULE[c.cloud] })) }));
  });
}
