import type { MessageKey } from '../../../i18n';
import { useT } from '../../../i18n/use-t';
import { type SlotState, slotState } from '../../../services/appointments/schedule';
import type { SlotDay } from '../../../services/appointments/types';

const STATE_KEYS = {
  full: 'appt.slot.full',
  closed: 'appt.slot.closed',
  started: 'appt.slot.started',
} as const satisfies Record<Exclude<SlotState, 'open'>, MessageKey>;

type SlotListProps = {
  day: SlotDay | undefined;
  selected: string | undefined;
  now: Date;
  onSelect: (slotId: string) => void;
};

/** The day's slots: the time and the places left; full, closed and past ones say so. */
export function SlotList({ day, selected, now, onSelect }: SlotListProps) {
  const t = useT();
  if (!day || day.closed || day.slots.length === 0) {
    return (
      <p className="rp-notice rp-notice--info" role="status">
        {day?.reason
          ? t('appt.slot.dayClosedReason', { reason: day.reason })
          : t('appt.slot.dayClosed')}
      </p>
    );
  }
  return (
    <div className="appt-slots" role="radiogroup" aria-label={t('appt.book.pickTime')}>
      {day.slots.map((slot) => {
        const state = slotState(day, slot, now);
        const isSelected = slot.id === selected && state === 'open';
        return (
          // biome-ignore lint/a11y/useSemanticElements: large tappable time cells, not radio inputs
          <button
            key={slot.id}
            type="button"
            role="radio"
            aria-checked={isSelected}
            disabled={state !== 'open'}
            data-slot={slot.id}
            className={`appt-slot ${isSelected ? 'is-selected' : ''} ${state === 'open' ? '' : `is-${state}`}`}
            onClick={() => onSelect(slot.id)}
          >
            <span className="appt-slot__time">
              {slot.startTime}–{slot.endTime}
            </span>
            <span className="appt-slot__free">
              {state === 'open'
                ? t('appt.slot.free', { count: slot.available })
                : t(STATE_KEYS[state])}
            </span>
          </button>
        );
      })}
    </div>
  );
}
