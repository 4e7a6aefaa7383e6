import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Federation, FederationBody } from './councils-types.js';

// Geometry in SVG user units (= CSS px: the SVG is drawn at its natural size and scrolls sideways).
const NODE_W = 196;
const NODE_H = 46;
const GAP_X = 16;
const GAP_Y = 64;
// A wrapped row of the same layer sits closer to the row above it.
const GAP_WRAP = 22;
const MARGIN = 12;
// A layer wraps onto further rows at the width of its frame (at least two nodes a row), so that a
// city-sized federation grows downwards instead of hundreds of nodes in one line.
const MIN_PER_ROW = 2;

/** A body placed on the drawing. */
interface Placed {
  readonly body: FederationBody;
  readonly x: number;
  readonly y: number;
}

/**
 * The layer of every body: 0 for a body no other body sends delegates to, otherwise one above the
 * highest body that does (the affiliation graph is acyclic, the server guarantees it). So the
 * drawing reads base bodies → cordones → regional council → national assembly, and also works for
 * other shapes (a provincial peasant council above its committees).
 */
function levels(federation: Federation): Map<string, number> {
  const members = new Map<string, string[]>();
  for (const a of federation.affiliations)
    members.set(a.councilId, [...(members.get(a.councilId) ?? []), a.bodyId]);
  const level = new Map<string, number>();
  const visit = (id: string, depth: number): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    // Depth guard: a cycle cannot happen, but a broken answer must not hang the page.
    const below = depth > 64 ? [] : (members.get(id) ?? []).map((m) => visit(m, depth + 1) + 1);
    const l = Math.max(0, ...below);
    level.set(id, l);
    return l;
  };
  for (const b of federation.bodies) visit(b.id, 0);
  return level;
}

/** The bodies with at least one affiliation, as member or as council: the ones the drawing shows. */
function connected(federation: Federation): FederationBody[] {
  const linked = new Set(federation.affiliations.flatMap((a) => [a.bodyId, a.councilId]));
  return federation.bodies.filter((b) => linked.has(b.id));
}

/**
 * Places the affiliated bodies in layers (the top council above, base bodies at the bottom); within
 * a layer, a body sits under the councils it sends delegates to (mean position of its councils), so
 * that few lines cross; a long layer wraps onto several rows. Bodies not affiliated yet are left
 * out of the drawing (they have no line to show); the table lists every body.
 */
function layout(
  federation: Federation,
  maxPerRow: number,
): { nodes: Map<string, Placed>; width: number; height: number } {
  const level = levels(federation);
  const byLevel = new Map<number, FederationBody[]>();
  for (const b of connected(federation)) {
    const l = level.get(b.id) ?? 0;
    byLevel.set(l, [...(byLevel.get(l) ?? []), b]);
  }
  const order = [...byLevel.keys()].sort((a, b) => b - a);
  const perRow = Math.min(maxPerRow, Math.max(1, ...[...byLevel.values()].map((l) => l.length)));
  const width = perRow * (NODE_W + GAP_X) - GAP_X + 2 * MARGIN;
  const councilsOf = new Map<string, string[]>();
  for (const a of federation.affiliations) {
    councilsOf.set(a.bodyId, [...(councilsOf.get(a.bodyId) ?? []), a.councilId]);
  }
  const nodes = new Map<string, Placed>();
  let y = MARGIN;
  for (const l of order) {
    const bodies = byLevel.get(l) ?? [];
    const key = (b: FederationBody) => {
      const xs = (councilsOf.get(b.id) ?? []).flatMap((c) => {
        const p = nodes.get(c);
        return p ? [p.x] : [];
      });
      return xs.length === 0 ? Number.POSITIVE_INFINITY : xs.reduce((sum, x) => sum + x, 0) / xs.length;
    };
    const keyed = bodies.map((b) => ({ b, k: key(b) }));
    keyed.sort((p, q) => p.k - q.k || p.b.name.localeCompare(q.b.name, undefined, { numeric: true }));
    // A wrapped layer fills column by column, so the bodies of one council stay in the columns
    // under it and their lines run upwards instead of across the rows.
    const rows = Math.ceil(keyed.length / perRow);
    const columns = Math.ceil(keyed.length / rows);
    const left = (width - (columns * (NODE_W + GAP_X) - GAP_X)) / 2;
    keyed.forEach(({ b }, i) => {
      const column = Math.floor(i / rows);
      const row = i % rows;
      nodes.set(b.id, { body: b, x: left + column * (NODE_W + GAP_X), y: y + row * (NODE_H + GAP_WRAP) });
    });
    y += rows * (NODE_H + GAP_WRAP) - GAP_WRAP + GAP_Y;
  }
  const height = Math.max(0, y - GAP_Y + MARGIN);
  return { nodes, width, height };
}

/**
 * The federation drawn as a layered graph: every body a node (a link to its page, reachable by
 * keyboard), every affiliation a line from the body up to its council. The person's own bodies
 * are marked. Wider than the screen, it scrolls sideways inside its frame.
 */
export function FederationGraph({ federation, mine }: { federation: Federation; mine: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const frame = useRef<HTMLElement>(null);
  // Width of the frame in CSS px, followed as the window changes; 900 until measured.
  const [frameWidth, setFrameWidth] = useState(900);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setFrameWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const fits = Math.floor((frameWidth - 2 * MARGIN + GAP_X) / (NODE_W + GAP_X));
  const { nodes, width, height } = layout(federation, Math.max(MIN_PER_ROW, fits));
  const unaffiliated = federation.bodies.length - nodes.size;
  return (
    <figure className="federation-graph" ref={frame}>
      {nodes.size > 0 && (
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
          <title>{t('councils.federation.graphLabel')}</title>
          <defs>
            <marker
              id="fed-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" className="fed-arrow" />
            </marker>
          </defs>
          {federation.affiliations.map((a) => {
            const from = nodes.get(a.bodyId);
            const to = nodes.get(a.councilId);
            if (!from || !to) return null;
            const x1 = from.x + NODE_W / 2;
            const y1 = from.y;
            const x2 = to.x + NODE_W / 2;
            const y2 = to.y + NODE_H;
            const mid = (y1 + y2) / 2;
            return (
              <path
                key={a.id}
                className="fed-edge"
                d={`M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`}
                markerEnd="url(#fed-arrow)"
              />
            );
          })}
          {[...nodes.values()].map(({ body, x, y }, i) => {
            const href = `/councils/bodies/${body.id}`;
            const kind = t(`kinds.${body.kind}`, { defaultValue: body.kind });
            const mineToo = mine.has(body.id);
            // The whole name stays in the text (it is the link's accessible name); the clip only
            // hides what does not fit on the node.
            return (
              <a
                key={body.id}
                href={href}
                className={mineToo ? 'fed-node mine' : 'fed-node'}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(href);
                }}
              >
                <clipPath id={`fed-clip-${i}`}>
                  <rect x={x + 4} y={y} width={NODE_W - 8} height={NODE_H} />
                </clipPath>
                <rect x={x} y={y} width={NODE_W} height={NODE_H} rx={6} />
                <g clipPath={`url(#fed-clip-${i})`}>
                  <text x={x + 8} y={y + 19} className="fed-name">
                    {body.name}
                  </text>
                  <text x={x + 8} y={y + 37} className="fed-kind">
                    {mineToo ? `${t('councils.federation.yours')} · ${kind}` : kind}
                  </text>
                </g>
              </a>
            );
          })}
        </svg>
      )}
      {unaffiliated > 0 && (
        <figcaption className="hint">
          {t('councils.federation.unaffiliated', { count: unaffiliated })}
        </figcaption>
      )}
    </figure>
  );
}
