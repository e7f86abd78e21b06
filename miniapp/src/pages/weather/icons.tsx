/**
 * Weather pictures drawn inline (zmp-ui has none, and a picture font or image set would be
 * one more download on a weak network): the WMO code of a forecast day picks one of a
 * handful of shapes.
 */

type Kind = 'clear' | 'partly' | 'cloudy' | 'fog' | 'drizzle' | 'rain' | 'storm';

/** WMO weather interpretation codes (Open-Meteo's `weather_code`) grouped into shapes. */
export function weatherKind(code: number | null | undefined): Kind {
  if (code === null || code === undefined) return 'cloudy';
  if (code === 0) return 'clear';
  if (code === 1 || code === 2) return 'partly';
  if (code === 45 || code === 48) return 'fog';
  if (code >= 51 && code <= 57) return 'drizzle';
  if ((code >= 61 && code <= 67) || (code >= 80 && code <= 82)) return 'rain';
  if (code >= 95) return 'storm';
  return 'cloudy';
}

const SUN = '#f5a700';
const CLOUD = '#9fb0c4';
const CLOUD_DARK = '#6f8196';
const RAIN = '#1c7ed6';

const RAY_ANGLES = [0, 45, 90, 135, 180, 225, 270, 315];

function Sun({ cx = 12, cy = 12, r = 4.5 }: { cx?: number; cy?: number; r?: number }) {
  const rays = RAY_ANGLES.map((degrees) => {
    const a = (degrees * Math.PI) / 180;
    return (
      <line
        key={degrees}
        x1={cx + Math.cos(a) * (r + 2)}
        y1={cy + Math.sin(a) * (r + 2)}
        x2={cx + Math.cos(a) * (r + 4)}
        y2={cy + Math.sin(a) * (r + 4)}
        stroke={SUN}
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    );
  });
  return (
    <g>
      <circle cx={cx} cy={cy} r={r} fill={SUN} />
      {rays}
    </g>
  );
}

function Cloud({ dy = 0, fill = CLOUD }: { dy?: number; fill?: string }) {
  return (
    <path
      transform={`translate(0 ${dy})`}
      d="M7 18.5h10.2a3.8 3.8 0 0 0 .4-7.6 5.3 5.3 0 0 0-10.2 1.3A3.2 3.2 0 0 0 7 18.5Z"
      fill={fill}
    />
  );
}

function Drops({ heavy }: { heavy: boolean }) {
  const xs = heavy ? [8, 12, 16] : [9.5, 14.5];
  return (
    <g stroke={RAIN} strokeWidth="1.8" strokeLinecap="round">
      {xs.map((x) => (
        <line key={x} x1={x} y1={19.5} x2={x - 1.2} y2={heavy ? 23 : 22} />
      ))}
    </g>
  );
}

export function WeatherIcon({
  code,
  size = 40,
  label,
}: {
  code: number | null | undefined;
  size?: number;
  label?: string;
}) {
  const kind = weatherKind(code);
  const shapes = (
    <>
      {kind === 'clear' ? <Sun /> : null}
      {kind === 'partly' ? (
        <>
          <Sun cx={9} cy={9} r={3.6} />
          <Cloud dy={1} />
        </>
      ) : null}
      {kind === 'cloudy' ? <Cloud /> : null}
      {kind === 'fog' ? (
        <>
          <Cloud dy={-2} />
          <g stroke={CLOUD_DARK} strokeWidth="1.6" strokeLinecap="round">
            <line x1="5" y1="19.5" x2="19" y2="19.5" />
            <line x1="7" y1="22" x2="17" y2="22" />
          </g>
        </>
      ) : null}
      {kind === 'drizzle' || kind === 'rain' ? (
        <>
          <Cloud dy={-2} fill={kind === 'rain' ? CLOUD_DARK : CLOUD} />
          <Drops heavy={kind === 'rain'} />
        </>
      ) : null}
      {kind === 'storm' ? (
        <>
          <Cloud dy={-2} fill={CLOUD_DARK} />
          <path d="M12.5 16.5 10 20.5h2.6l-1.4 3.3 4-4.8h-2.7l1.2-2.5Z" fill={SUN} />
        </>
      ) : null}
    </>
  );
  // Named when it says something the text beside it does not; decoration otherwise.
  return label ? (
    <svg width={size} height={size} viewBox="0 0 24 24" className="wx-icon" role="img">
      <title>{label}</title>
      {shapes}
    </svg>
  ) : (
    <svg width={size} height={size} viewBox="0 0 24 24" className="wx-icon" aria-hidden="true">
      {shapes}
    </svg>
  );
}

/**
 * An arrow along the wind: it points where the wind blows to, so a wind "from the south-east"
 * (135°) points north-west, as on weather maps.
 */
export function WindArrow({ degrees, size = 22 }: { degrees: number; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      className="wx-arrow"
      style={{ transform: `rotate(${(degrees + 180) % 360}deg)` }}
    >
      <path d="M12 3 18 19 12 15.5 6 19Z" fill="currentColor" />
    </svg>
  );
}
