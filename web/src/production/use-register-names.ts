import { useEffect, useState } from 'react';
import { api } from '../app/api-client.js';
import type { Workplace } from './production-api.js';

// The register answers names for at most this many ids in one query string.
const IDS_PER_QUERY = 500;

/**
 * Names of the workplaces and bodies that alerts point to, by id, fetched for those ids only: at
 * country scale the whole register is 30,000 workplaces (7 MB) and the federation 10 MB, far too
 * much for a board of a few dozen alerts. Names already known (`known`: the person's own bodies)
 * are not asked for; an id is asked for once.
 *
 * @example const { workplaces, bodies } = useRegisterNames(alerts, myBodyNames);
 */
export function useRegisterNames(
  alerts: readonly { readonly workplaceId: string; readonly bodyId: string }[],
  known: ReadonlyMap<string, string>,
): { workplaces: ReadonlyMap<string, string>; bodies: ReadonlyMap<string, string> } {
  const [workplaces, setWorkplaces] = useState<ReadonlyMap<string, string>>(new Map());
  const [bodies, setBodies] = useState<ReadonlyMap<string, string>>(new Map());
  const [asked] = useState(() => new Set<string>());
  const workplaceKey = [...new Set(alerts.map((a) => a.workplaceId))].sort().join(',');
  const bodyKey = [...new Set(alerts.map((a) => a.bodyId))].sort().join(',');
  useEffect(() => {
    const wanted = workplaceKey.split(',').filter((id) => id !== '' && !asked.has(id));
    for (const id of wanted) asked.add(id);
    for (let i = 0; i < wanted.length; i += IDS_PER_QUERY) {
      const ids = wanted.slice(i, i + IDS_PER_QUERY).join(',');
      void api<{ workplaces: Workplace[] }>('GET', `/api/workplaces?ids=${ids}`).then((result) => {
        if (result.status !== 'ok') return;
        setWorkplaces((old) => {
          const next = new Map(old);
          for (const w of result.value.workplaces) next.set(w.id, w.name);
          return next;
        });
      });
    }
  }, [workplaceKey, asked]);
  useEffect(() => {
    for (const id of bodyKey.split(',')) {
      if (id === '' || known.has(id) || asked.has(id)) continue;
      asked.add(id);
      void api<{ id: string; name: string }>('GET', `/api/bodies/${id}`).then((result) => {
        if (result.status !== 'ok') return;
        setBodies((old) => new Map(old).set(result.value.id, result.value.name));
      });
    }
  }, [bodyKey, known, asked]);
  const allBodies = new Map(known);
  for (const [id, name] of bodies) allBodies.set(id, name);
  return { workplaces, bodies: allBodies };
}
