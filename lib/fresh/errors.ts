/** Throw from a handler or lib function to answer with a status instead of a 500. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: HeadersInit = {}) {
    super(message);
    this.name = "HttpError";
  }
}

export const notFound = (what = "Not found") => new HttpError(404, what);
export const forbidden = (why = "You do not have permission to do that") => new HttpError(403, why);
