// Connector / token errors → SendFailure. The connector client throws RestError-like objects
// carrying statusCode and the response headers; MSAL (AAD token) errors carry an errorCode.
import type { SendFailure } from '../../src/channels/types.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR']);

interface ErrorLike {
  message?: unknown;
  statusCode?: unknown;
  code?: unknown;
  errorCode?: unknown;
  response?: { status?: unknown; headers?: { get?: (name: string) => string | undefined | null } };
}

function retryAfterMs(e: ErrorLike): number | undefined {
  const v = e.response?.headers?.get?.('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

export function mapConnectorError(err: unknown): SendFailure {
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : {};
  const text = typeof e.message === 'string' ? e.message : String(err);
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.response?.status === 'number' ? e.response.status : undefined;
  const message = `connector${status !== undefined ? ` ${status}` : ''}: ${text.slice(0, 200)}`;
  if (status === 429) return { kind: 'rate-limit', retryAfterMs: retryAfterMs(e), message };
  if (status === 401 || status === 403) return { kind: 'auth', message };
  if (status !== undefined && status >= 500) return { kind: 'server', message };
  if (status !== undefined && status >= 400) return { kind: 'rejected', message };
  // Token acquisition (AAD/MSAL) refused our credentials: retrying will not help.
  if (typeof e.errorCode === 'string' && /invalid_client|unauthorized_client|AADSTS/i.test(`${e.errorCode} ${text}`)) {
    return { kind: 'auth', message };
  }
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return { kind: 'network', message };
  // Anything else (DNS, TLS, socket, timeouts wrapped by the SDK): treat as unreachable, retried.
  return { kind: 'network', message };
}
