import { describe, expect, it } from 'vitest';
import {
  AQI_BANDS,
  ageOf,
  aqiTone,
  bandOf,
  compassPoint,
  dayName,
  formatBytes,
  formatClock,
  formatCompact,
  formatNumber,
  formatReading,
  isStaleReading,
  latestObservedAt,
  levelColour,
  levelOfValue,
  levelTone,
  nearestStation,
  shortDate,
  UV_BANDS,
  vnDay,
} from './format';

describe('numbers', () => {
  it('writes Vietnamese decimals with a comma and thousands with a dot', () => {
    expect(formatNumber(2.345, 2, 'vi')).toBe('2,35');
    expect(formatNumber(4120, 0, 'vi')).toBe('4.120');
    expect(formatNumber(2.345, 2, 'en')).toBe('2.35');
  });

  it('never shows a negative zero', () => {
    expect(formatNumber(-0.001, 2, 'vi')).toBe('0,00');
  });

  it('puts units after a space except %, °C and °', () => {
    expect(formatReading('salinity', 2.3456, 'vi')).toBe('2,35 ‰');
    expect(formatReading('air_temperature', 31.44, 'vi')).toBe('31,4°C');
    expect(formatReading('humidity', 78.4, 'vi')).toBe('78%');
    expect(formatReading('conductivity', 3987.6, 'vi')).toBe('3.988 µS/cm');
    expect(formatReading('uv_index', 7.2, 'vi')).toBe('7');
  });

  it('writes thresholds without trailing zeros', () => {
    expect(formatCompact(4, 2, 'vi')).toBe('4');
    expect(formatCompact(1.5, 2, 'vi')).toBe('1,5');
    expect(formatCompact(10.8, 1, 'en')).toBe('10.8');
  });

  it('sizes files in KB and MB', () => {
    expect(formatBytes(850_000, 'vi')).toBe('850 KB');
    expect(formatBytes(1_234_567, 'vi')).toBe('1,2 MB');
    expect(formatBytes(120, 'en')).toBe('1 KB');
  });
});

describe('wind', () => {
  it('names the direction the wind comes from on eight points', () => {
    expect(compassPoint(0, 'vi')).toBe('Bắc');
    expect(compassPoint(135, 'vi')).toBe('Đông Nam');
    expect(compassPoint(350, 'vi')).toBe('Bắc');
    expect(compassPoint(-90, 'vi')).toBe('Tây');
    expect(compassPoint(247, 'en')).toBe('SW');
  });
});

describe('levels', () => {
  it("follows Vietnam's AQI bands", () => {
    expect(bandOf(AQI_BANDS, 0).id).toBe('good');
    expect(bandOf(AQI_BANDS, 50).id).toBe('good');
    expect(bandOf(AQI_BANDS, 51).id).toBe('moderate');
    expect(bandOf(AQI_BANDS, 150).id).toBe('poor');
    expect(bandOf(AQI_BANDS, 180).label.vi).toBe('Xấu');
    expect(bandOf(AQI_BANDS, 420).id).toBe('hazardous');
  });

  it('places a value on its thresholds, above or below', () => {
    const salinity = [1, 2, 4].map((value, i) => ({
      level: i + 1,
      value,
      direction: 'above' as const,
    }));
    expect(levelOfValue(salinity, 0.4)).toBe(0);
    expect(levelOfValue(salinity, 1)).toBe(1);
    expect(levelOfValue(salinity, 3.9)).toBe(2);
    expect(levelOfValue(salinity, 9)).toBe(3);
    const ph = [
      { level: 1, value: 5.5, direction: 'below' as const },
      { level: 2, value: 4.5, direction: 'below' as const },
    ];
    expect(levelOfValue(ph, 7.2)).toBe(0);
    expect(levelOfValue(ph, 5)).toBe(1);
    expect(levelOfValue(ph, 4.2)).toBe(2);
    expect(levelOfValue([], 5)).toBe(0);
  });

  it('colours air stations by their AQI band', () => {
    expect(aqiTone(30)).toBe('ok');
    expect(aqiTone(75)).toBe('l1');
    expect(aqiTone(120)).toBe('l2');
    expect(aqiTone(180)).toBe('l3');
    expect(aqiTone(250)).toBe('l4');
    expect(aqiTone(480)).toBe('l4');
  });

  it("follows the WHO's UV categories", () => {
    expect(bandOf(UV_BANDS, 2).id).toBe('low');
    expect(bandOf(UV_BANDS, 6).label.vi).toBe('Cao');
    expect(bandOf(UV_BANDS, 11).id).toBe('extreme');
  });

  it('colours alert levels from green to purple', () => {
    expect(levelTone(null)).toBe('ok');
    expect(levelTone(0)).toBe('ok');
    expect(levelTone(1)).toBe('l1');
    expect(levelTone(3)).toBe('l3');
    expect(levelTone(6)).toBe('l4');
    expect(levelColour(1)).not.toBe(levelColour(3));
    expect(levelColour(9)).toBe(levelColour(4));
  });
});

describe('times in Vietnam', () => {
  it("shows Vietnam's clock whatever the phone's zone", () => {
    expect(formatClock('2026-03-10T07:35:00Z', 'vi')).toBe('14:35');
    expect(formatClock('2026-03-10T17:05:00Z', 'en')).toBe('00:05');
  });

  it("gives Vietnam's calendar day", () => {
    expect(vnDay(new Date('2026-03-10T16:59:00Z'))).toBe('2026-03-10');
    expect(vnDay(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11');
  });

  it('names forecast days: today, tomorrow, then the weekday', () => {
    // 23:30 on Tuesday 10 March in Vietnam.
    const now = new Date('2026-03-10T16:30:00Z');
    const words = { today: 'Hôm nay', tomorrow: 'Ngày mai' };
    expect(dayName('2026-03-10', now, 'vi', words)).toBe('Hôm nay');
    expect(dayName('2026-03-11', now, 'vi', words)).toBe('Ngày mai');
    expect(dayName('2026-03-12', now, 'vi', words)).toBe('Thứ Năm');
    expect(dayName('2026-03-15', now, 'en', words)).toBe('Sunday');
    expect(shortDate('2026-03-12')).toBe('12/03');
  });

  it('says how old a reading is, and when a station has gone quiet', () => {
    const now = new Date('2026-03-10T08:00:00Z');
    expect(ageOf('2026-03-10T07:59:30Z', now, 'vi')).toEqual({ unit: 'now' });
    expect(ageOf('2026-03-10T07:55:00Z', now, 'vi')).toEqual({ unit: 'minutes', count: 5 });
    expect(ageOf('2026-03-10T05:10:00Z', now, 'vi')).toEqual({ unit: 'hours', count: 2 });
    expect(ageOf('2026-03-08T08:00:00Z', now, 'vi')).toEqual({
      unit: 'date',
      text: '15:00 08/03/2026',
    });
    expect(isStaleReading('2026-03-10T06:00:00Z', now)).toBe(false);
    expect(isStaleReading('2026-03-10T04:00:00Z', now)).toBe(true);
  });

  it('finds the newest reading of a station', () => {
    const reading = (observedAt: string) => ({
      metric: 'ph',
      name: 'pH',
      unit: '',
      decimals: 2,
      value: 7,
      observedAt,
      alertLevel: null,
    });
    expect(latestObservedAt({ latest: [] })).toBeNull();
    expect(
      latestObservedAt({
        latest: [reading('2026-03-10T07:00:00.000Z'), reading('2026-03-10T07:35:00.000Z')],
      }),
    ).toBe('2026-03-10T07:35:00.000Z');
  });
});

describe('nearest station', () => {
  it('picks the closest station and its distance', () => {
    const stations = [
      { id: 'vi-thanh', lat: 9.7845, lng: 105.4701 },
      { id: 'nga-bay', lat: 9.817, lng: 105.819 },
    ];
    const best = nearestStation(stations, { lat: 9.82, lng: 105.8 });
    expect(best?.station.id).toBe('nga-bay');
    expect(best?.meters).toBeGreaterThan(1000);
    expect(best?.meters).toBeLessThan(3000);
    expect(nearestStation([], { lat: 9.8, lng: 105.5 })).toBeUndefined();
  });
});
