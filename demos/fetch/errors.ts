/** How a request can fail, and the short reasons the rows of the table show. */

/** What went wrong with a request, in the words a row of the table can hold. */
export type FailureKind =
  'refused' | 'dns' | 'timeout' | 'status' | 'too-large' | 'connection' | 'other';

/** A failed request: `message` is the short reason shown in its row. */
export class RequestError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RequestError';
  }
}

export interface Response {
  status: number;
  /** Bytes of body read, never more than the cap. */
  bytes: number;
}

/** The short reason for a network error, found by its code along the chain of causes. */
export function toRequestError(error: unknown, url: URL): RequestError {
  const code = errorCode(error);
  const options = { cause: error };
  switch (code) {
    case 'ECONNREFUSED':
      return new RequestError('refused', `connection refused by ${url.host}`, options);
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return new RequestError('dns', `host not found: ${url.hostname}`, options);
    case 'EAI_AGAIN':
      return new RequestError('dns', `no answer from DNS for ${url.hostname}`, options);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new RequestError('connection', 'connection closed by the server', options);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new RequestError('timeout', `no connection to ${url.host} in time`, options);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new RequestError('other', code ? `${message} (${code})` : message, options);
    }
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return undefined;
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} B`;
}
