import { useCallback, useEffect, useState } from 'react';
import { api } from '../app/api-client.js';

/** What a loading read shows: the value, the server's sentence on failure, and a reload. */
export interface Loaded<T> {
  readonly value: T | null;
  readonly error: string | null;
  reload(): Promise<void>;
}

/**
 * GETs `path` when mounted (and when `path` changes; null reads nothing) and picks `pick` out of
 * the answer.
 *
 * @example const points = useSupplyData(`/api/supply/committees/${id}/points`, (b: { points: Point[] }) => b.points);
 */
export function useSupplyData<B, T>(path: string | null, pick: (body: B) => T): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pick` is a pure projection, stable in meaning
  const reload = useCallback(async () => {
    if (path === null) return;
    const result = await api<B>('GET', path);
    if (result.status === 'problem') {
      setError(result.problem.detail);
      return;
    }
    setError(null);
    setValue(pick(result.value));
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, reload };
}
