import { useEffect, useState } from 'react';
import { api } from '../app/api-client.js';
import type { Indicator } from './production-api.js';

/**
 * Names of the indicators that alerts point to, by indicator id. An indicator not yet known makes
 * its workplace's indicators be fetched once (so an indicator added later is found too); one the
 * person may not see simply stays without a name.
 *
 * @example const names = useIndicatorNames(board); names.get(alert.indicatorId)
 */
export function useIndicatorNames(
  alerts: readonly { readonly workplaceId: string; readonly indicatorId: string }[],
): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [asked] = useState(() => new Set<string>());
  const key = [...new Set(alerts.map((a) => `${a.workplaceId}:${a.indicatorId}`))].sort().join(' ');
  useEffect(() => {
    const workplaces = new Set<string>();
    for (const pair of key.split(' ')) {
      const [workplaceId, indicatorId] = pair.split(':');
      if (!workplaceId || !indicatorId || asked.has(indicatorId)) continue;
      asked.add(indicatorId);
      workplaces.add(workplaceId);
    }
    for (const id of workplaces) {
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
