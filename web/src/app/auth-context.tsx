import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiResult, api, setCsrfToken, setUnauthenticatedHandler } from './api-client.js';
import type { Me } from './me.js';

/** Where the session stands. */
export type AuthState =
  /** `GET /api/me` has not answered yet. */
  | { readonly status: 'loading' }
  /** No valid session cookie. */
  | { readonly status: 'signed-out' }
  /** Signed in as `me`. */
  | { readonly status: 'signed-in'; readonly me: Me };

/** The session and what can be done with it. */
export interface Auth {
  readonly state: AuthState;
  /** Signs in; on success the state becomes `signed-in`. */
  signIn(username: string, password: string): Promise<ApiResult<Me>>;
  /** Signs out (ends the server session) and forgets the person. */
  signOut(): Promise<void>;
  /** Reads `/api/me` again (after a change to the person's bodies or account). */
  refresh(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

// localStorage key of the last `/api/me` answer.
const ME_CACHE = 'cordones.me';

/** Holds the session for the whole app; reads `/api/me` once on start. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const accept = useCallback((me: Me | null) => {
    setCsrfToken(me?.csrfToken ?? null);
    setState(me ? { status: 'signed-in', me } : { status: 'signed-out' });
    // The last signed-in person is kept so the app still opens without the network (see sw.js);
    // the server stays the judge: the first answer it gives replaces or clears this.
    if (me) localStorage.setItem(ME_CACHE, JSON.stringify(me));
    else localStorage.removeItem(ME_CACHE);
  }, []);

  const refresh = useCallback(async () => {
    const result = await api<Me>('GET', '/api/me');
    if (result.status === 'problem' && result.problem.code === 'network') {
      const cached = localStorage.getItem(ME_CACHE);
      if (cached) {
        const me = JSON.parse(cached) as Me;
        setCsrfToken(me.csrfToken);
        setState({ status: 'signed-in', me });
        return;
      }
    }
    accept(result.status === 'ok' ? result.value : null);
  }, [accept]);

  useEffect(() => {
    setUnauthenticatedHandler(() => accept(null));
    void refresh();
    return () => setUnauthenticatedHandler(null);
  }, [accept, refresh]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await api<Me>('POST', '/api/session', { username, password });
      if (result.status === 'ok') accept(result.value);
      return result;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    await api<void>('DELETE', '/api/session');
    accept(null);
  }, [accept]);

  const value = useMemo<Auth>(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session; only inside `AuthProvider`. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in person; only on pages behind the sign-in guard. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe on a page that does not require sign-in');
  return state.me;
}
