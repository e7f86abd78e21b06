import 'leaflet/dist/leaflet.css';
import { useMemo } from 'react';
import { CircleMarker, MapContainer, Popup, TileLayer } from 'react-leaflet';
import { Link } from 'wouter';
import { api } from '../api';
import { loadCatalog } from '../catalog';
import { ErrorBox, useLoad } from '../components/common';
import { STATUS_LABELS } from '../format';
import { PROVINCE_CENTRE, tileAttribution, tileUrl } from '../tiles';
import type { MapPoint } from '../types';

const COLOURS: Record<string, string> = {
  received: '#1570ef',
  assigned: '#7a5af8',
  in_progress: '#dc6803',
};
const OVERDUE = '#d92d20';

/** Open reports (within the official's scope) as coloured points; overdue ones in red. */
export default function MapPage() {
  const points = useLoad(
    () => api<{ items: MapPoint[]; truncated: boolean }>('GET', '/work/reports/map'),
    [],
  );
  const catalog = useLoad(loadCatalog, []);
  const categoryName = (id: string) =>
    catalog.data?.categories.find((c) => c.id === id)?.name ?? id;
  const items = points.data?.items ?? [];
  const bounds = useMemo(() => {
    if (items.length === 0) return undefined;
    const lats = items.map((p) => p.lat);
    const lngs = items.map((p) => p.lng);
    return [
      [Math.min(...lats) - 0.01, Math.min(...lngs) - 0.01],
      [Math.max(...lats) + 0.01, Math.max(...lngs) + 0.01],
    ] as [[number, number], [number, number]];
  }, [items]);
  const tiles = tileUrl();

  return (
    <section className="page page--wide">
      <header className="page__header">
        <h1>Bản đồ phản ánh đang mở</h1>
        <p className="muted">
          {items.length} phản ánh ·{' '}
          {Object.entries(COLOURS).map(([status, colour]) => (
            <span key={status} className="legend">
              <i style={{ background: colour }} /> {STATUS_LABELS[status]}
            </span>
          ))}
          <span className="legend">
            <i style={{ background: OVERDUE }} /> Quá hạn
          </span>
        </p>
      </header>
      <ErrorBox message={points.error} />
      {points.data ? (
        <MapContainer
          key={bounds ? 'fit' : 'centre'}
          {...(bounds ? { bounds } : { center: PROVINCE_CENTRE, zoom: 10 })}
          className="big-map"
        >
          {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
          {items.map((p) => {
            const colour = p.overdue ? OVERDUE : (COLOURS[p.status] ?? '#667085');
            return (
              <CircleMarker
                key={p.code}
                center={[p.lat, p.lng]}
                radius={7}
                pathOptions={{ color: '#fff', weight: 1.5, fillColor: colour, fillOpacity: 0.9 }}
              >
                <Popup>
                  <Link href={`/phan-anh/${p.code}`}>{p.code}</Link>
                  <br />
                  {categoryName(p.categoryId)} · {STATUS_LABELS[p.status] ?? p.status}
                  {p.overdue ? ' · quá hạn' : ''}
                </Popup>
              </CircleMarker>
            );
          })}
        </MapContainer>
      ) : (
        <div className="big-map" />
      )}
    </section>
  );
}
