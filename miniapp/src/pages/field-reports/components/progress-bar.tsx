type ProgressBarProps = { value: number; max: number; label: string };

/** A thick bar with its percentage: readable at arm's length on a small screen. */
export function ProgressBar({ value, max, label }: ProgressBarProps) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="rp-progress">
      <div
        className="rp-progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span className="rp-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="rp-progress__value">{percent}%</span>
    </div>
  );
}
