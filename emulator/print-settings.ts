import { settingForConfigKey } from "../provider/settings-catalog";

const quote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** `export NAME=value` lines for a shell, from the stack configuration that points a program at the emulator. */
export function envLines(config: Record<string, string>): string[] {
  return Object.entries(config).map(([key, value]) => {
    const env = settingForConfigKey(key)?.env[0];
    return env
      ? `export ${env}=${quote(value)}`
      : `# ${key} has no environment name (the demo program reads it): pulumi config set ${key} ${quote(value)}`;
  });
}

/** `pulumi config set` lines, secrets with --secret, from the same configuration. */
export function configLines(config: Record<string, string>): string[] {
  return Object.entries(config).map(
    ([key, value]) => `pulumi config set ${settingForConfigKey(key)?.secret ? "--secret " : ""}${key} ${quote(value)}`,
  );
}
