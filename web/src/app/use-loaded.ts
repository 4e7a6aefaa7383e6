import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Problem } from './api-client.js';

/** What a GET gives a page: the value once loaded, the server's problem on refusal, and a reload. */
export interface Loaded<T> {
  /** The last answer (picked); kept on screen while a new one loads. */
  readonly value: T | null;
  /** Why the last read failed (null once one succeeds). */
  readonly problem: Problem | null;
  /** `problem`'s sentence, in the UI's language. */
  readonly error: string | null;
  /** True while a read is in flight. */
  readonly loading: boolean;
  /** Reads again; resolves once the answer is on screen (or superseded by a newer read). */
  reload(): Promise<void>;
}

/** How `useLoaded` turns an answer into its value. */
export interface LoadOptions<B, T> {
  /** Picks the value out of the answer's body (a pure projection). */
  readonly pick: (body: B) => T;
  /**
   * Keeps the last answer in localStorage and shows it when the network is down (a distribution
   * point keeps its keys, basket and stock without the network).
   */
  readonly offline?: boolean;
}

// (the prefix from when only supply kept answers, so a point's caches survive the upgrade)
const CACHE_PREFIX = 'cordones.supply.';

/**
 * GETs `path` when mounted and whenever `path` changes (null: nothing yet). Only the latest
 * read's answer is kept: when the path changes while a GET is in flight (a filter changed
 * quickly), the older answer arrives late and must not overwrite the newer. A refusal for another
 * path than the value shown clears the value (it belonged to something else); a failed reload of
 * the same path keeps it beside the problem.
 *
 * @example const body = useLoaded<BodyView>(`/api/bodies/${id}`);
 * @example const places = useLoaded('/api/logistics/places', { pick: (b: { places: Place[] }) => b.places });
 */
export function useLoaded<T>(path: string | null): Loaded<T>;
export function useLoaded<B, T>(path: string | null, options: LoadOptions<B, T>): Loaded<T>;
export function useLoaded<B, T>(path: string | null, options?: LoadOptions<B, T>): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const latest = useRef(0);
  // the path whose answer `value` is
  const shown = useRef<string | null>(null);
  // read at answer time, so a pick written inline at the call site does not re-read on each render
  const pick = useRef(options?.pick);
  pick.current = options?.pick;
  const offline = options?.offline === true;

  const reload = useCallback(async () => {
    // (a path that became null also outdates the read in flight)
    const request = ++latest.current;
    if (path === null) {
      setLoading(false);
      return;
    }
    setLoading(true);
    const result = await api<B>('GET', path);
    if (request !== latest.current) return;
    setLoading(false);
    const project = (body: B) => (pick.current ? pick.current(body) : (body as unknown as T));
    if (result.status === 'problem') {
      const kept =
        offline && result.problem.code === 'network' ? localStorage.getItem(CACHE_PREFIX + path) : null;
      if (kept !== null) {
        setValue(project(JSON.parse(kept) as B));
        shown.current = path;
        return;
      }
      setProblem(result.problem);
      if (shown.current !== path) {
        setValue(null);
        shown.current = null;
      }
      return;
    }
    if (offline) localStorage.setItem(CACHE_PREFIX + path, JSON.stringify(result.value));
    setProblem(null);
    setValue(project(result.value));
    shown.current = path;
  }, [path, offline]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { value, problem, error: problem?.detail ?? null, loading, reload };
}
