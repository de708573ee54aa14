import type * as http from "node:http";
import type { AddressInfo } from "node:net";

/** The emulator could not listen where it was asked to; the message says what to change. */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "ListenError";
  }
}

/** Listens on host:port (0 = a free port) and returns the base URL to print, or rejects with a ListenError. */
export function listen(server: http.Server, cloud: string, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(explain(error, cloud, host, port));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve(`http://${urlHost(host)}:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Bound to every interface, the emulator is still reached from this machine at the loopback address. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function explain(error: NodeJS.ErrnoException, cloud: string, host: string, port: number): Error {
  switch (error.code) {
    case "EADDRINUSE":
      return new ListenError(
        `${cloud}: port ${port} on ${host} is already in use (another emulator still running?); stop what holds it, or choose other ports with --port-base N (0 picks free ports)`,
        error.code,
      );
    case "EACCES":
      return new ListenError(
        `${cloud}: not allowed to listen on ${host}:${port}; choose ports from 1024 up with --port-base N`,
        error.code,
      );
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new ListenError(
        `${cloud}: cannot listen on "${host}": not an address of this machine; check --host (e.g. 127.0.0.1 or 0.0.0.0)`,
        error.code,
      );
    default:
      return error;
  }
}
