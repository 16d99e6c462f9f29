/**
 * A database that cannot be reached (down, restarting, refusing connections) is an outage to answer with a 503 and
 * `Retry-After`, not a bug to answer with a 500: the dialect wrapper below turns the drivers' connection failures into
 * `DatabaseUnavailable`, which the request pipeline renders like any other HttpError.
 */
import type { DatabaseConnection, Dialect, Driver } from "kysely";
import { HttpError } from "@/lib/fresh/errors.ts";

/** Seconds a client is asked to wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 2;

export class DatabaseUnavailable extends HttpError {
  constructor(cause: unknown) {
    super(503, "The database is not reachable right now. Please try again in a few seconds.", {
      "retry-after": String(RETRY_AFTER_SECONDS),
    });
    this.cause = cause;
    this.name = "DatabaseUnavailable";
  }
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
/** SQLSTATEs of a server going away or not accepting sessions (class 08, shutdowns, start-up, too many clients). */
const SERVER_GONE = /^(08...|57P0[123]|53300)$/;
/** What pg, pg-pool and Neon's driver say when a connection ends or cannot be made; they give these no code. */
const CONNECTION_MESSAGE =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|client was closed|websocket|socket hang up|connection refused/i;

/** Whether `err` says the database cannot be reached, as opposed to a query that failed on a live server. */
export function isConnectionFailure(err: unknown): boolean {
  if (err instanceof DatabaseUnavailable) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
  if (err instanceof AggregateError) return err.errors.some(isConnectionFailure);
  return CONNECTION_MESSAGE.test(err.message) || (err.cause !== undefined && isConnectionFailure(err.cause));
}

const mapped = (err: unknown) =>
  isConnectionFailure(err) && !(err instanceof DatabaseUnavailable) ? new DatabaseUnavailable(err) : err;

/** Calls of `target`'s methods whose promises reject with connection failures reject with DatabaseUnavailable. */
function mapRejections<T extends object>(target: T, wrapResult?: (value: unknown) => unknown): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = value.apply(obj, args);
        } catch (err) {
          throw mapped(err);
        }
        if (!(result instanceof Promise)) return result;
        return result.then((v) => wrapResult ? wrapResult(v) : v, (err) => Promise.reject(mapped(err)));
      };
    },
  });
}

/** `dialect` whose driver and connections report an unreachable database as DatabaseUnavailable. */
export function reportingUnavailable(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: (): Driver =>
      mapRejections(dialect.createDriver(), (value) =>
        // acquireConnection resolves to the connection whose queries must be mapped too.
        value && typeof value === "object" && "executeQuery" in value
          ? mapRejections(value as DatabaseConnection)
          : value),
  };
}
