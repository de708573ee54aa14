import * as fs from "node:fs";
import * as path from "node:path";

/** A `--state` file the emulator cannot use; the message says which file, what is wrong and what to do. */
export class StateFileError extends Error {}

const kindOf = (v: unknown): string =>
  Array.isArray(v) ? "an array" : v === null ? "null" : typeof v === "object" ? "an object" : `a ${typeof v}`;

/**
 * Checks a `--state` file before any listener starts: its directory must exist and be writable, and an
 * existing file must be JSON whose entries for the running stores have the shape of each store's initial
 * state (each top-level key an object, array or value of the same kind; a missing key starts fresh). Returns the saved stores.
 */
export function loadStateFile(file: string, initial: Record<string, unknown>): Record<string, unknown> {
  const dir = path.dirname(path.resolve(file));
  const fail = (what: string) => new StateFileError(`--state ${file}: ${what}`);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    throw fail(`the directory ${dir} does not exist; create it first`);
  }
  if (!dirStat.isDirectory()) throw fail(`${dir} is not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw fail(`the directory ${dir} is not writable`);
  }
  if (!fs.existsSync(file)) return {};
  if (!fs.statSync(file).isFile()) throw fail("is not a regular file");
  let saved: unknown;
  try {
    saved = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw fail(`is not JSON (${(error as Error).message}); fix it or remove it to start empty`);
  }
  if (kindOf(saved) !== "an object")
    throw fail(`should hold an object of stores, found ${kindOf(saved)}; fix it or remove it to start empty`);
  const stores = saved as Record<string, unknown>;
  for (const [store, fresh] of Object.entries(initial)) {
    if (!Object.hasOwn(stores, store)) continue;
    const value = stores[store];
    if (kindOf(value) !== "an object")
      throw fail(`"${store}" should be an object, found ${kindOf(value)}; fix it or remove it to start empty`);
    for (const [key, expected] of Object.entries(fresh as Record<string, unknown>)) {
      // A collection added since the file was written starts as in a fresh store.
      if (!Object.hasOwn(value as object, key)) {
        (value as Record<string, unknown>)[key] = expected;
        continue;
      }
      const got = (value as Record<string, unknown>)[key];
      if (kindOf(got) !== kindOf(expected))
        throw fail(`"${store}.${key}" should be ${kindOf(expected)}, found ${kindOf(got)}; fix it or remove the file to start empty`);
    }
  }
  return stores;
}

/** Replaces the `--state` file whole (a temporary file beside it, then a rename), so no reader sees it half written. */
export function writeStateFile(file: string, stores: Record<string, unknown>): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(stores, null, 1));
  fs.renameSync(temporary, file);
}
