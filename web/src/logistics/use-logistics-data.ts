import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../app/api-client.js';

/** What a loading read shows: the value, the server's sentence on failure, and a reload. */
export interface Loaded<T> {
  readonly value: T | null;
  readonly error: string | null;
  readonly busy: boolean;
  reload(): Promise<void>;
}

/**
 * GETs `path` when mounted (and when `path` changes) and picks `pick` out of the answer.
 * Only the latest request's answer is kept: when the path changes while a GET is in flight
 * (a filter changed quickly), the older answer arrives late and must not overwrite the newer.
 *
 * @example const places = useLogisticsData('/api/logistics/places', (b: { places: Place[] }) => b.places);
 */
export function useLogisticsData<B, T>(path: string | null, pick: (body: B) => T): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pick` is a pure projection, stable in meaning
  const reload = useCallback(async () => {
    if (path === null) return;
    const request = ++latest.current;
    setBusy(true);
    const result = await api<B>('GET', path);
    if (request !== latest.current) return;
    setBusy(false);
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
  return { value, error, busy, reload };
}
