// `pulumi-language-nodejs` for the engine that `npm run setup:pulumi` builds. Pulumi's own Node.js language host
// is a Go module of its own that the Go module proxy does not serve, so this small host stands in for it: it
// implements the LanguageRuntime calls that preview, up, refresh, import, destroy and policy packs make, and runs
// programs and policy packs with the Node.js SDK's own entry points (`@pulumi/pulumi/cmd/run`,
// `cmd/run-policy-pack`, `cmd/run-plugin`), resolved from the program's own node_modules.
// The resource plugins a program needs are found in its node_modules (`required-plugins.js`).
// Not implemented (answered UNIMPLEMENTED): new/convert/package generation.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const grpc = require("@grpc/grpc-js");
const language = require("@pulumi/pulumi/proto/language_pb");
const languageRpc = require("@pulumi/pulumi/proto/language_grpc_pb");
const pluginProto = require("@pulumi/pulumi/proto/plugin_pb");
const { requiredPlugins } = require("./required-plugins");

const SDK_VERSION = require("@pulumi/pulumi/package.json").version;
const engineAddress = process.argv.slice(2).find((arg) => !arg.startsWith("-")) ?? "";

/** The Node binary that runs programs: the program's own (npm package `node`) when it has one, else ours. */
function nodeFor(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, "node_modules", ".bin", "node");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return process.execPath;
  }
}

/** Resolves an entry point of the Node.js SDK installed for `dir`, as the program would `require` it. */
function sdkEntry(dir, entry) {
  return require.resolve(`@pulumi/pulumi/cmd/${entry}`, { paths: [dir] });
}

/** The program's runtime options (Pulumi.yaml `runtime.options`) as a plain object. */
function runtimeOptions(info) {
  const options = info?.getOptions?.();
  return options ? options.toJavaScript() : {};
}

/** Environment the Node.js SDK reads for TypeScript, as Pulumi's own host sets it from the runtime options. */
function typescriptEnv(options) {
  const env = { PULUMI_NODEJS_TYPESCRIPT: String(options.typescript !== false) };
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = String(options.tsconfig);
  return env;
}

function run(call, callback) {
  const req = call.request;
  const info = req.getInfo();
  const programDir = info?.getProgramDirectory() || req.getPwd();
  const entry = info?.getEntryPoint() || req.getProgram() || ".";
  const options = runtimeOptions(info);
  const config = Object.fromEntries(req.getConfigMap().toArray());
  const flags = [
    `--monitor=${req.getMonitorAddress()}`,
    `--engine=${engineAddress}`,
    `--project=${req.getProject()}`,
    `--stack=${req.getStack()}`,
    `--pwd=${programDir}`,
    `--parallel=${req.getParallel()}`,
  ];
  if (req.getOrganization()) flags.push(`--organization=${req.getOrganization()}`);
  if (info?.getRootDirectory()) flags.push(`--root-directory=${info.getRootDirectory()}`);
  if (req.getDryrun()) flags.push("--dry-run");
  const nodeArgs = options.nodeargs ? String(options.nodeargs).split(/\s+/).filter(Boolean) : [];
  let runner;
  try {
    runner = sdkEntry(programDir, "run");
  } catch {
    callback(null, response(`@pulumi/pulumi is not installed for the program in ${programDir}: run npm install there`));
    return;
  }
  const child = spawn(nodeFor(programDir), [...nodeArgs, runner, ...flags, entry, ...req.getArgsList()], {
    cwd: programDir,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      ...typescriptEnv(options),
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
    },
  });
  child.on("error", (error) => callback(null, response(`could not start the program: ${error.message}`)));
  child.on("exit", (code, signal) => {
    // 32: the SDK already reported the error to the user, so the engine should only stop.
    if (code === 32) callback(null, response("", true));
    else if (code === 0) callback(null, response(""));
    else callback(null, response(`Program exited with ${signal ? `signal ${signal}` : `non-zero exit code: ${code}`}`));
  });
}

function response(error, bail = false) {
  const res = new language.RunResponse();
  res.setError(error);
  res.setBail(bail);
  return res;
}

/** Policy packs (kind "analyzer") and plugins written in Node.js, streaming their output back to the engine. */
function runPlugin(call) {
  const req = call.request;
  const info = req.getInfo();
  const dir = info?.getProgramDirectory() || req.getProgram();
  const env = Object.fromEntries(req.getEnvList().map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
  const analyzer = req.getKind() === "analyzer";
  const entry = sdkEntry(dir, analyzer ? "run-policy-pack" : "run-plugin");
  const args = analyzer ? [...req.getArgsList(), dir] : [dir, ...req.getArgsList()];
  const child = spawn(nodeFor(dir), [entry, ...args], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, ...typescriptEnv(runtimeOptions(info)) },
  });
  const send = (set) => (chunk) => {
    const res = new language.RunPluginResponse();
    set(res, chunk);
    call.write(res);
  };
  child.stdout.on(
    "data",
    send((res, chunk) => res.setStdout(chunk)),
  );
  child.stderr.on(
    "data",
    send((res, chunk) => res.setStderr(chunk)),
  );
  call.on("cancelled", () => child.kill());
  child.on("exit", (code) => {
    const res = new language.RunPluginResponse();
    res.setExitcode(code ?? 1);
    call.write(res);
    call.end();
  });
}

/** The program's directory in a GetRequiredPlugins/GetRequiredPackages request. */
function programDirOf(req) {
  return req.getInfo()?.getProgramDirectory() || req.getPwd?.() || ".";
}

/** The program's required plugins as `Dependency` messages (PluginDependency or PackageDependency: same fields). */
function dependencies(req, Dependency) {
  return requiredPlugins(programDirOf(req)).map((p) => {
    const dep = new Dependency();
    dep.setName(p.name);
    dep.setKind(p.kind);
    dep.setVersion(p.version);
    dep.setServer(p.server);
    return dep;
  });
}

function getRequiredPlugins(call, callback) {
  const res = new language.GetRequiredPluginsResponse();
  res.setPluginsList(dependencies(call.request, pluginProto.PluginDependency));
  callback(null, res);
}

function getRequiredPackages(call, callback) {
  const res = new language.GetRequiredPackagesResponse();
  res.setPackagesList(dependencies(call.request, pluginProto.PackageDependency));
  callback(null, res);
}

function getPluginInfo(call, callback) {
  const info = new pluginProto.PluginInfo();
  info.setVersion(SDK_VERSION);
  callback(null, info);
}

function handshake(call, callback) {
  callback(null, new language.LanguageHandshakeResponse());
}

function main() {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(languageRpc.LanguageRuntimeService, {
    handshake,
    getRequiredPlugins,
    getRequiredPackages,
    run,
    runPlugin,
    getPluginInfo,
  });
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      console.error(`pulumi-language-nodejs: ${error.message}`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
}

main();
