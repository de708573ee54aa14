import * as net from "node:net";

const probes = new Map<string, Promise<string | undefined>>();

/**
 * Whether anything accepts connections at the URL's host and port: undefined if so, else the error code.
 * Asked once per endpoint per process (a preview of many resources pays for one probe, not one per resource).
 */
export function unreachable(baseUrl: string, timeoutMs = 2000): Promise<string | undefined> {
  const url = new URL(baseUrl);
  const key = `${url.hostname}:${url.port}`;
  let probe = probes.get(key);
  if (!probe) {
    probe = new Promise((resolve) => {
      const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      const socket = net.connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port });
      const done = (result: string | undefined) => {
        socket.destroy();
        resolve(result);
      };
      socket.setTimeout(timeoutMs, () => done("ETIMEDOUT"));
      socket.once("connect", () => done(undefined));
      socket.once("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    });
    probes.set(key, probe);
  }
  return probe;
}
