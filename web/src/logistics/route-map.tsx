import { useTranslation } from 'react-i18next';
import type { Place, Route } from './logistics-types.js';

/** Line colours of the routes, each ≥ 3:1 against the white map (WCAG non-text contrast). */
export const ROUTE_COLOURS = Object.freeze([
  '#0b5394',
  '#b22222',
  '#1e7b34',
  '#7b3294',
  '#b35806',
  '#006d77',
  '#8c2d04',
  '#4a4a9c',
  '#a8326e',
  '#3d6b00',
]);

const WIDTH = 600;
const MAX_HEIGHT = 420;
const MIN_HEIGHT = 160;
const PAD = 16;

/**
 * The plan drawn over the places' coordinates: depots as squares, stops as dots, one coloured
 * polyline per route (depot → stops → depot). An equirectangular projection scaled by cos(latitude)
 * is exact enough for a city. The drawing is an image whose text alternative is the list of routes
 * the page prints next to it (`describedBy`).
 */
export function RouteMap(props: {
  routes: readonly Route[];
  depotOf: (route: Route) => string | undefined;
  places: ReadonlyMap<string, Place>;
  describedBy: string;
}) {
  const { t } = useTranslation();
  const used = new Set<string>();
  for (const r of props.routes) {
    const depot = props.depotOf(r);
    if (depot) used.add(depot);
    for (const s of r.stops) used.add(s.placeId);
  }
  const points = [...used].map((id) => props.places.get(id)).filter((p): p is Place => p !== undefined);
  if (points.length === 0) return null;
  const lats = points.map((p) => p.latitude);
  const lons = points.map((p) => p.longitude);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (MAX_HEIGHT - 2 * PAD) / spanY);
  // as tall as the drawing needs, so a plan spread east–west leaves no empty band
  const height = Math.max(MIN_HEIGHT, Math.ceil(spanY * scale + 2 * PAD));
  const xy = (p: Place): [number, number] => [
    PAD + (p.longitude - minLon) * k * scale,
    PAD + (maxLat - p.latitude) * scale,
  ];
  const depots = new Set(props.routes.map((r) => props.depotOf(r)).filter((d): d is string => !!d));
  return (
    <svg
      className="route-map"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby="route-map-title"
      aria-describedby={props.describedBy}
    >
      <title id="route-map-title">{t('logistics.map.title', { count: props.routes.length })}</title>
      <rect x="0" y="0" width={WIDTH} height={height} className="route-map-ground" />
      {props.routes.map((r, i) => {
        const depotId = props.depotOf(r);
        const depot = depotId ? props.places.get(depotId) : undefined;
        const line = [depot, ...r.stops.map((s) => props.places.get(s.placeId)), depot]
          .filter((p): p is Place => p !== undefined)
          .map((p) => xy(p).join(','))
          .join(' ');
        const colour = ROUTE_COLOURS[i % ROUTE_COLOURS.length];
        return (
          <g key={r.id} stroke={colour} fill={colour}>
            <polyline points={line} fill="none" strokeWidth="2.5" strokeLinejoin="round" />
            {r.stops.map((s) => {
              const p = props.places.get(s.placeId);
              if (!p) return null;
              const [x, y] = xy(p);
              return <circle key={s.id} cx={x} cy={y} r="4.5" stroke="#fff" strokeWidth="1" />;
            })}
          </g>
        );
      })}
      {[...depots].map((id) => {
        const p = props.places.get(id);
        if (!p) return null;
        const [x, y] = xy(p);
        return <rect key={id} x={x - 7} y={y - 7} width="14" height="14" className="route-map-depot" />;
      })}
    </svg>
  );
}
