import { ApiError, NETWORK_DOWN, errorOf } from './api-error';
import { TokenGrant, sessionStore } from './session-store';

export const API_BASE = '/api/v1';
/** Refresh this long before the access token expires, so that no request goes out with a dying one. */
const REFRESH_MARGIN_MS = 30_000;

let refreshing: Promise<void> | undefined;
let onSessionLost: () => void = () => undefined;

/** Called when the session cannot be renewed any more (refresh token used, expired or revoked). */
export function whenSessionLost(callback: () => void): void {
  onSessionLost = callback;
}

/**
 * A new token pair for the refresh token, once at a time: several requests that
 * find the access token old share one refresh (a refresh token works once).
 */
export function refreshSession(): Promise<void> {
  refreshing ??= (async () => {
    const refreshToken = sessionStore.get()?.refreshToken ?? sessionStore.storedRefreshToken();
    if (!refreshToken) throw new ApiError(401, 'AUTH.UNAUTHENTICATED', 'no session');
    const response = await send('POST', '/auth/refresh', { refreshToken });
    if (!response.ok) {
      sessionStore.clear();
      throw await errorOf(response);
    }
    sessionStore.keep((await response.json()) as TokenGrant);
  })().finally(() => (refreshing = undefined));
  return refreshing;
}

async function send(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  try {
    return await fetch(`${API_BASE}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, NETWORK_DOWN, 'network');
  }
}

async function freshToken(): Promise<string | undefined> {
  const tokens = sessionStore.get();
  if (!tokens) return undefined;
  if (tokens.expiresAt - Date.now() < REFRESH_MARGIN_MS) await refreshSession();
  return sessionStore.get()?.accessToken;
}

/**
 * One call of the API as the signed-in person. An access token refused as
 * expired is renewed once and the call sent again; a session that cannot be
 * renewed signs the person out.
 */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body, await freshToken());
  if (response.status === 401 && sessionStore.get()) {
    try {
      await refreshSession();
    } catch (error) {
      onSessionLost();
      throw error;
    }
    response = await send(method, path, body, sessionStore.get()?.accessToken);
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** Sign-in and sign-out go around `call`: they make and end the session it relies on. */
export const auth = {
  async login(email: string, password: string): Promise<void> {
    const response = await send('POST', '/auth/login', { email, password });
    if (!response.ok) throw await errorOf(response);
    sessionStore.keep((await response.json()) as TokenGrant);
  },
  async logout(): Promise<void> {
    const tokens = sessionStore.get();
    sessionStore.clear();
    if (tokens) await send('POST', '/auth/logout', { refreshToken: tokens.refreshToken }, tokens.accessToken).catch(() => undefined);
  },
  /** Back after a reload: the refresh token kept for this tab gives a new access token. */
  async resume(): Promise<boolean> {
    if (!sessionStore.storedRefreshToken()) return false;
    try {
      await refreshSession();
      return true;
    } catch {
      return false;
    }
  },
};

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  delete: <T>(path: string) => call<T>('DELETE', path),
};

/** A query string of the values given, the empty ones left out. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}
