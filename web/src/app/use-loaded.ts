import { useCallback, useEffect, useState } from 'react';
import { api } from './api-client.js';

/** What a GET gives a page: the value once loaded, the problem's sentence, and a reload. */
export interface Loaded<T> {
  readonly value: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  reload(): void;
}

/**
 * Loads `path` with GET whenever it changes (null waits), keeping the last value while reloading.
 *
 * @example const parcels = useLoaded<ParcelList>(`/api/parcels?${query}`); // any area's GET
 */
export function useLoaded<T>(path: string | null): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  // tick re-runs the effect for reload()
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only triggers a reload
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    void api<T>('GET', path).then((result) => {
      if (!live) return;
      setLoading(false);
      if (result.status === 'ok') {
        setValue(result.value);
        setError(null);
      } else setError(result.problem.detail);
    });
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { value, error, loading, reload };
}
