import { useCallback, useState } from 'react';
import { type ApiResult, api } from '../app/api-client.js';

/** A write the page runs: whether it is running, and the server's sentence when it refused. */
export interface Command {
  readonly busy: boolean;
  /** The refusal's `detail`, shown to the person; null after a success. */
  readonly error: string | null;
  /** Sends the request; on success calls `then` with the answer. Returns the API result. */
  run<T>(method: string, path: string, body?: unknown, then?: (value: T) => void): Promise<ApiResult<T>>;
  /** Forgets the last refusal. */
  clear(): void;
}

/**
 * Runs writes against the API one at a time and keeps the last refusal for display: the server
 * decides what a person may do, the page shows why it said no.
 *
 * @example const cmd = useCommand(); cmd.run('POST', `/api/petitions/${id}/signatures`, undefined, reload);
 */
export function useCommand(): Command {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(method: string, path: string, body?: unknown, then?: (value: T) => void) => {
      setBusy(true);
      const result = await api<T>(method, path, body);
      setBusy(false);
      if (result.status === 'problem') setError(result.problem.detail);
      else {
        setError(null);
        then?.(result.value);
      }
      return result;
    },
    [],
  );
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
