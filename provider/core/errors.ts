import { redact } from "./log";
import { withoutUndefined } from "./outputs";

/** Stable error codes; callers branch on `code`, never on message text. */
export type ErrorCode =
  | "NotFound"
  | "Conflict"
  | "InUse"
  | "Unauthorized"
  | "Forbidden"
  | "RateLimited"
  | "QuotaExceeded"
  | "Validation"
  | "CloudApiError"
  | "ResponseValidation"
  | "Ambiguous"
  | "Configuration"
  | "Timeout";

/** Where an error happened: the operation and the HTTP call, never a credential. */
export interface ErrorContext {
  operation: string;
  method?: string;
  path?: string;
  status?: number;
  cloudCode?: string;
}

/** Base of every error this package throws; its message never holds a registered secret, whatever the cloud echoed. */
export class SecgroupsError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;
  /** The id of an existing object the cloud named in its answer (e.g. the duplicate rule). */
  readonly existingId?: string;
  /** The cloud's own words (its error body's message), apart from our formatting; undefined when no cloud answered. */
  readonly cloudMessage?: string;

  constructor(
    code: ErrorCode,
    context: ErrorContext,
    detail: string,
    options: { cause?: unknown; existingId?: string; cloudMessage?: string } = {},
  ) {
    super(redact(formatMessage(context, detail)), { cause: options.cause });
    this.name = `${code}Error`;
    this.code = code;
    this.context = context;
    this.existingId = options.existingId;
    this.cloudMessage = options.cloudMessage;
  }
}

function formatMessage(ctx: ErrorContext, detail: string): string {
  const call = ctx.method
    ? ` (${ctx.method} ${ctx.path ?? ""}${ctx.status ? ` -> ${ctx.status}` : ""}${ctx.cloudCode ? ` ${ctx.cloudCode}` : ""})`
    : "";
  return `${ctx.operation} failed${call}: ${detail}`;
}

const statusToCode: Record<number, ErrorCode> = {
  400: "Validation",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "Validation",
  429: "RateLimited",
};

/** The error code an HTTP status maps to when the cloud's body says nothing more precise. */
export function codeForStatus(status: number): ErrorCode {
  return statusToCode[status] ?? "CloudApiError";
}

export const isNotFound = (e: unknown): boolean => e instanceof SecgroupsError && e.code === "NotFound";
export const isConflict = (e: unknown): boolean => e instanceof SecgroupsError && e.code === "Conflict";
export const isInUse = (e: unknown): boolean => e instanceof SecgroupsError && e.code === "InUse";
export const isAmbiguous = (e: unknown): boolean => e instanceof SecgroupsError && e.code === "Ambiguous";

/**
 * Makes any error safe to hand to the engine (gRPC message, the host's stderr): message, stack and
 * partial-failure reasons with every registered secret redacted, whatever threw it.
 */
export function redactError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? redact(error) : error;
  error.message = redact(error.message);
  if (error.stack) error.stack = redact(error.stack);
  const reasons = (error as { reasons?: unknown }).reasons;
  if (Array.isArray(reasons))
    (error as unknown as { reasons: unknown[] }).reasons = reasons.map((r) => (typeof r === "string" ? redact(r) : r));
  return error;
}

/**
 * A create or update the cloud applied but that could not be finished. The dynamic-provider host turns
 * an error carrying `id` (and `properties`, `reasons`) into a partial failure, so the engine keeps the
 * object in state with those outputs instead of leaking it.
 */
export abstract class PartialFailureError extends Error {
  abstract readonly code: "PartiallyCreated" | "PartiallyUpdated";
  readonly properties: Record<string, unknown>;
  /** Why the operation could not finish, as the engine shows them (secrets redacted). */
  readonly reasons: string[];
  constructor(
    readonly id: string,
    properties: Record<string, unknown>,
    reasons: string[],
    verb: string,
    options: { cause?: unknown } = {},
  ) {
    super(redact(`${verb} ${id} but could not finish: ${reasons.join("; ")}`), options);
    this.properties = withoutUndefined(properties);
    this.reasons = reasons.map(redact);
  }
}

/** A create that succeeded in the cloud but could not be finished. */
export class PartialCreateError extends PartialFailureError {
  readonly code = "PartiallyCreated";
  constructor(id: string, properties: Record<string, unknown>, reasons: string[], options: { cause?: unknown } = {}) {
    super(id, properties, reasons, "created", options);
    this.name = "PartialCreateError";
  }
}

/** An update the cloud accepted but that did not end well (e.g. the group ended in an error status). */
export class PartialUpdateError extends PartialFailureError {
  readonly code = "PartiallyUpdated";
  constructor(id: string, properties: Record<string, unknown>, reasons: string[], options: { cause?: unknown } = {}) {
    super(id, properties, reasons, "updated", options);
    this.name = "PartialUpdateError";
  }
}
