/**
 * Where the session's tokens live. The access token stays in memory only; the
 * refresh token (one use each, api.md) is kept for the tab in sessionStorage so
 * that a reload does not sign the person out, and is gone when the tab closes.
 */
const REFRESH_KEY = 'grappes.refresh';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

let tokens: Tokens | undefined;

export const sessionStore = {
  get: () => tokens,
  storedRefreshToken: (): string | undefined => sessionStorage.getItem(REFRESH_KEY) ?? undefined,
  keep(grant: TokenGrant): void {
    tokens = { accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt: Date.now() + grant.expiresIn * 1000 };
    sessionStorage.setItem(REFRESH_KEY, grant.refreshToken);
  },
  clear(): void {
    tokens = undefined;
    sessionStorage.removeItem(REFRESH_KEY);
  },
};
