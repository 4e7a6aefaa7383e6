import { useTranslation } from 'react-i18next';
import type { Boundary, ParcelStatus } from './land-api.js';

/** What the map draws of a parcel. */
export interface MapParcel {
  readonly id: string;
  readonly name: string;
  readonly status: ParcelStatus;
  readonly boundary: Boundary | null;
}

// The SVG's width in user units; the height follows the bounding box.
const WIDTH = 1000;

function rings(b: Boundary): number[][][] {
  return b.type === 'Polygon' ? b.coordinates : b.coordinates.flat();
}

/**
 * The parcels drawn from their own coordinates as SVG, no tiles: an equirectangular projection
 * (longitude scaled by the cosine of the middle latitude) fitted to the parcels' bounding box,
 * coloured by status with a legend. For screen readers it is one image with a title and a
 * description; the list of parcels beside it is the text alternative.
 */
export function ParcelMap({
  parcels,
  title,
  description,
}: {
  parcels: readonly MapParcel[];
  title: string;
  description: string;
}) {
  const { t } = useTranslation();
  const drawn = parcels.filter((p) => p.boundary !== null);
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const p of drawn)
    for (const ring of rings(p.boundary!))
      for (const [lon, lat] of ring) {
        if (lon! < minLon) minLon = lon!;
        if (lon! > maxLon) maxLon = lon!;
        if (lat! < minLat) minLat = lat!;
        if (lat! > maxLat) maxLat = lat!;
      }
  if (drawn.length === 0) return <p className="muted">{t('land.map.none')}</p>;
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const pad = 0.04;
  const scale = WIDTH / (spanX * (1 + 2 * pad));
  const height = Math.max(Math.round(spanY * (1 + 2 * pad) * scale), 120);
  const x = (lon: number) => ((lon - minLon) * k + spanX * pad) * scale;
  const y = (lat: number) => (maxLat - lat + spanY * pad) * scale;
  const path = (b: Boundary) =>
    rings(b)
      .map((ring) => `M${ring.map(([lon, lat]) => `${x(lon!).toFixed(1)} ${y(lat!).toFixed(1)}`).join('L')}Z`)
      .join('');
  const present = [...new Set(drawn.map((p) => p.status))];
  return (
    <figure className="land-map">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="land-map-title land-map-desc"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="land-map-title">{title}</title>
        <desc id="land-map-desc">{description}</desc>
        <rect x={0} y={0} width={WIDTH} height={height} className="land-map-ground" />
        {drawn.map((p) => (
          <path
            key={p.id}
            d={path(p.boundary!)}
            className={`land-parcel land-${p.status}`}
            fillRule="evenodd"
          />
        ))}
      </svg>
      <figcaption>
        <ul className="land-legend">
          {present.map((s) => (
            <li key={s}>
              <span className={`land-swatch land-${s}`} aria-hidden="true" />
              {t(`land.status.${s}`)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
