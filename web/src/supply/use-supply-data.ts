import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../app/api-client.js';

/** What a loading read shows: the value, the server's sentence on failure, and a reload. */
export interface Loaded<T> {
  readonly value: T | null;
  readonly error: string | null;
  reload(): Promise<void>;
}

const CACHE_PREFIX = 'cordones.supply.';

/**
 * GETs `path` when mounted (and when `path` changes; null reads nothing) and picks `pick` out of
 * the answer. With `offline`, the last answer is kept in localStorage and shown when the network
 * is down (a distribution point keeps its keys, basket and stock without the network).
 *
 * @example const points = useSupplyData(`/api/supply/committees/${id}/points`, (b: { points: Point[] }) => b.points);
 */
export function useSupplyData<B, T>(
  path: string | null,
  pick: (body: B) => T,
  options: { offline?: boolean } = {},
): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const offline = options.offline === true;
  // only the latest GET's answer is kept: one for an older path can arrive after it
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pick` is a pure projection, stable in meaning
  const reload = useCallback(async () => {
    if (path === null) return;
    const request = ++latest.current;
    const result = await api<B>('GET', path);
    if (request !== latest.current) return;
    if (result.status === 'problem') {
      const kept =
        offline && result.problem.code === 'network' ? localStorage.getItem(CACHE_PREFIX + path) : null;
      if (kept !== null) {
        setValue(pick(JSON.parse(kept) as B));
        return;
      }
      setError(result.problem.detail);
      return;
    }
    if (offline) localStorage.setItem(CACHE_PREFIX + path, JSON.stringify(result.value));
    setError(null);
    setValue(pick(result.value));
  }, [path, offline]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, reload };
}
