/**
 * The cycle that the new edge `body → council` would close in the affiliation graph, or null.
 * `edges` are the existing affiliations (body sends delegates to council). The cycle is returned
 * as the list of bodies walked, starting and ending with `body`.
 *
 * @example findCycle([{ bodyId: 'C', councilId: 'B' }], 'B', 'C') // ['B', 'C', 'B']
 */
export function findCycle(
  edges: readonly { readonly bodyId: string; readonly councilId: string }[],
  bodyId: string,
  councilId: string,
): string[] | null {
  if (bodyId === councilId) return [bodyId, bodyId];
  const up = new Map<string, string[]>();
  for (const e of edges) {
    const list = up.get(e.bodyId) ?? [];
    list.push(e.councilId);
    up.set(e.bodyId, list);
  }
  // Breadth-first from the council upwards: a path back to `body` closes a cycle (the shortest).
  const parent = new Map<string, string>([[councilId, '']]);
  const queue = [councilId];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const next of up.get(node) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, node);
      if (next === bodyId) {
        const path = [next];
        let at = node;
        while (at !== '') {
          path.push(at);
          at = parent.get(at) ?? '';
        }
        // path is body ← … ← council; the cycle reads body → council → … → body
        return [bodyId, ...path.slice(1).reverse(), bodyId];
      }
      queue.push(next);
    }
  }
  return null;
}
