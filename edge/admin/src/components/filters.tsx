import type { ReactNode } from 'react';

// The pieces the filter bars (queue, statistics, transparency) and the figure cards
// (statistics, transparency) are made of.

export interface DayRange {
  from: string;
  to: string;
}

/** "Từ ngày" / "Đến ngày" day inputs; `named` gives them `name="from"` / `name="to"`. */
export function DayRangeFields({
  value,
  onChange,
  required,
  named,
}: {
  value: DayRange;
  onChange: (range: DayRange) => void;
  required?: boolean;
  named?: boolean;
}) {
  return (
    <>
      <label>
        Từ ngày
        <input
          type="date"
          name={named ? 'from' : undefined}
          required={required}
          value={value.from}
          onChange={(e) => onChange({ from: e.target.value, to: value.to })}
        />
      </label>
      <label>
        Đến ngày
        <input
          type="date"
          name={named ? 'to' : undefined}
          required={required}
          value={value.to}
          onChange={(e) => onChange({ from: value.from, to: e.target.value })}
        />
      </label>
    </>
  );
}

/**
 * A catalog filter: "Tất cả" (the empty value), then `children` (extra choices), then one
 * option per item.
 */
export function CatalogSelect<T extends { id: string }>({
  label,
  name,
  value,
  onChange,
  items,
  text,
  children,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  items: readonly T[] | undefined;
  text: (item: T) => string;
  children?: ReactNode;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Tất cả</option>
        {children}
        {items?.map((item) => (
          <option key={item.id} value={item.id}>
            {text(item)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One figure card of a statistics page. */
export function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="figure">
      <span className="figure__label">{label}</span>
      <strong className="figure__value">{value}</strong>
      {hint ? <span className="figure__hint">{hint}</span> : null}
    </div>
  );
}
