import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Federation, FederationBody } from './councils-types.js';

// Layer of each kind, bottom (base bodies) to top (the national assembly).
const LEVEL: Readonly<Record<string, number>> = {
  'workplace-assembly': 0,
  'supply-committee': 0,
  'peasant-committee': 0,
  cordon: 1,
  'regional-council': 2,
  'national-assembly': 3,
};

// Geometry in SVG user units (= CSS px: the SVG is drawn at its natural size and scrolls sideways).
const NODE_W = 168;
const NODE_H = 46;
const GAP_X = 16;
const GAP_Y = 70;
const MARGIN = 12;

/** A body placed on the drawing. */
interface Placed {
  readonly body: FederationBody;
  readonly x: number;
  readonly y: number;
}

/**
 * Places the bodies in layers (national assembly on top, base bodies at the bottom); within a
 * layer, a body sits under the councils it sends delegates to (mean position of its councils), so
 * that few lines cross.
 */
function layout(federation: Federation): { nodes: Map<string, Placed>; width: number; height: number } {
  const byLevel = new Map<number, FederationBody[]>();
  for (const b of federation.bodies) {
    const level = LEVEL[b.kind] ?? 0;
    byLevel.set(level, [...(byLevel.get(level) ?? []), b]);
  }
  const levels = [...byLevel.keys()].sort((a, b) => b - a);
  const widest = Math.max(1, ...[...byLevel.values()].map((l) => l.length));
  const width = widest * (NODE_W + GAP_X) - GAP_X + 2 * MARGIN;
  const height = levels.length * (NODE_H + GAP_Y) - GAP_Y + 2 * MARGIN;
  const councilsOf = new Map<string, string[]>();
  for (const a of federation.affiliations) {
    councilsOf.set(a.bodyId, [...(councilsOf.get(a.bodyId) ?? []), a.councilId]);
  }
  const nodes = new Map<string, Placed>();
  levels.forEach((level, row) => {
    const bodies = byLevel.get(level) ?? [];
    const key = (b: FederationBody) => {
      const xs = (councilsOf.get(b.id) ?? []).flatMap((c) => {
        const p = nodes.get(c);
        return p ? [p.x] : [];
      });
      return xs.length === 0 ? Number.POSITIVE_INFINITY : xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    const keyed = bodies.map((b) => ({ b, k: key(b) }));
    keyed.sort((p, q) => p.k - q.k || p.b.name.localeCompare(q.b.name));
    const rowWidth = keyed.length * (NODE_W + GAP_X) - GAP_X;
    const left = (width - rowWidth) / 2;
    keyed.forEach(({ b }, i) => {
      nodes.set(b.id, { body: b, x: left + i * (NODE_W + GAP_X), y: MARGIN + row * (NODE_H + GAP_Y) });
    });
  });
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
  const { nodes, width, height } = layout(federation);
  return (
    <figure className="federation-graph">
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
                  {mineToo ? `${kind} · ${t('councils.federation.yours')}` : kind}
                </text>
              </g>
            </a>
          );
        })}
      </svg>
    </figure>
  );
}
