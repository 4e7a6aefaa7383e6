import { useEffect, useState } from 'react';
import { api } from '../app/api-client.js';
import type { Indicator } from './production-api.js';

/**
 * Names of the indicators of the given workplaces, by indicator id, fetched once per workplace
 * (a workplace the person may not see simply contributes no names).
 *
 * @example const names = useIndicatorNames(board.map((a) => a.workplaceId)); names.get(alert.indicatorId)
 */
export function useIndicatorNames(workplaceIds: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [asked] = useState(() => new Set<string>());
  const key = [...new Set(workplaceIds)].sort().join(' ');
  useEffect(() => {
    const wanted = key.split(' ').filter((id) => id !== '' && !asked.has(id));
    for (const id of wanted) {
      asked.add(id);
      void api<{ indicators: Indicator[] }>('GET', `/api/workplaces/${id}/indicators`).then((result) => {
        if (result.status !== 'ok') return;
        setNames((old) => {
          const next = new Map(old);
          for (const i of result.value.indicators) next.set(i.id, i.name);
          return next;
        });
      });
    }
  }, [key, asked]);
  return names;
}
