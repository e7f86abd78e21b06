import { sessionStart, sessionTime } from '../../../services/training/format';
import { useWeekday } from '../../appointments/components/shared';

/** "Thứ Năm, 08:00–10:30, 13/03/2025": Vietnam's time whatever the phone's zone. */
export function useSessionTime(): (startsAt: string, endsAt: string) => string {
  const weekday = useWeekday();
  return (startsAt, endsAt) => {
    const time = sessionTime(startsAt, endsAt);
    return `${weekday(time.weekday)}, ${time.text}`;
  };
}

/** "Thứ Năm, 08:00, 13/03/2025". */
export function useSessionStart(): (startsAt: string) => string {
  const weekday = useWeekday();
  return (startsAt) => {
    const time = sessionStart(startsAt);
    return `${weekday(time.weekday)}, ${time.text}`;
  };
}
