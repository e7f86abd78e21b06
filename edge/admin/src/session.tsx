import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { type Action, can } from '../../src/access/permissions';
import { api, onUnauthenticated, setCsrfToken } from './api';
import type { Me, MeResponse } from './types';

// The signed-in official for the whole app. Permission checks for menus and buttons use the
// API's own table (edge/src/access/permissions.ts), so the admin never shows a page the API
// would refuse; the API still decides every request.

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me };

interface SessionValue {
  state: SessionState;
  signedIn: (response: MeResponse) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback((response: MeResponse) => {
    if (response.csrfToken) setCsrfToken(response.csrfToken);
    setState({ status: 'signed-in', me: response.official });
  }, []);

  const refresh = useCallback(async () => {
    try {
      const response = await api<MeResponse>('GET', '/officials/auth/me', { quiet401: true });
      signedIn(response);
    } catch {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    }
  }, [signedIn]);

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/officials/auth/logout', { quiet401: true });
    } catch {
      // Signed out on this side either way; an unreachable API keeps the cookie until it expires.
    }
    setCsrfToken(null);
    setState({ status: 'signed-out' });
  }, []);

  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    });
    void refresh();
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ state, signedIn, signOut, refresh }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in official (pages under the signed-in layout only). */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while signed out');
  return state.me;
}

/** Whether the official holds `action` province-wide (scope `any`). */
export function holdsEverywhere(me: Me, action: Action): boolean {
  return can(
    { id: me.id, agencyId: me.agencyId, communeId: me.communeId, roles: me.roles },
    action,
  );
}

/** Whether the official holds `action` at any scope (menus, page-level buttons). */
export function holds(me: Me, action: Action): boolean {
  const principal = { id: me.id, agencyId: me.agencyId, communeId: me.communeId, roles: me.roles };
  return (
    can(principal, action) ||
    can(principal, action, { agencyId: me.agencyId, communeId: me.communeId })
  );
}
