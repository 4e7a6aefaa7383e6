import { useCallback, useEffect, useState } from 'react';
import { api } from '../app/api-client.js';
import type { Alert } from './production-api.js';

/** One body's board as loaded: its alerts, or the server's sentence for why not. */
export type BoardState =
  /** Not loaded yet. */
  | { readonly status: 'loading' }
  /** The open and acknowledged alerts the body sees, newest first. */
  | { readonly status: 'ok'; readonly alerts: readonly Alert[] }
  /** The server refused or could not be reached. */
  | { readonly status: 'problem'; readonly detail: string };

/**
 * The alert boards of several bodies (`GET /api/alerts?body=`), loaded together and reloaded
 * together; boards keep their last alerts while a reload runs.
 *
 * @example const { boards, reload } = useAlertBoards(['0193…']); boards.get('0193…')
 */
export function useAlertBoards(bodyIds: readonly string[]): {
  boards: ReadonlyMap<string, BoardState>;
  reload(): void;
} {
  const [boards, setBoards] = useState<ReadonlyMap<string, BoardState>>(new Map());
  const [tick, setTick] = useState(0);
  const key = bodyIds.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only triggers a reload
  useEffect(() => {
    let live = true;
    const ids = key.split(' ').filter((id) => id !== '');
    void Promise.all(
      ids.map(async (id) => {
        const result = await api<{ alerts: Alert[] }>('GET', `/api/alerts?body=${encodeURIComponent(id)}`);
        const state: BoardState =
          result.status === 'ok'
            ? { status: 'ok', alerts: result.value.alerts }
            : { status: 'problem', detail: result.problem.detail };
        return [id, state] as const;
      }),
    ).then((entries) => {
      if (live) setBoards(new Map(entries));
    });
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { boards, reload };
}
