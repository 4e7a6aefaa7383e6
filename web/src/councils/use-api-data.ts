import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Problem } from '../app/api-client.js';

/** A GET as a page shows it: the value, the server's problem on refusal, and a reload. */
export interface ApiData<T> {
  readonly value: T | null;
  readonly problem: Problem | null;
  /** True until the first answer arrives. */
  readonly loading: boolean;
  /** Reads again, keeping the old value on screen meanwhile. */
  reload(): Promise<void>;
}

/**
 * GETs `path` when mounted and whenever `path` changes (null: nothing yet).
 *
 * @example const body = useApiData<BodyView>(`/api/bodies/${id}`);
 */
export function useApiData<T>(path: string | null): ApiData<T> {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  // only the latest GET's answer is kept: one for an older path can arrive after it
  const latest = useRef(0);
  const reload = useCallback(async () => {
    if (path === null) return;
    const request = ++latest.current;
    const result = await api<T>('GET', path);
    if (request !== latest.current) return;
    setLoading(false);
    if (result.status === 'problem') {
      setProblem(result.problem);
      setValue(null);
      return;
    }
    setProblem(null);
    setValue(result.value);
  }, [path]);
  useEffect(() => {
    setLoading(true);
    void reload();
  }, [reload]);
  return { value, problem, loading, reload };
}
