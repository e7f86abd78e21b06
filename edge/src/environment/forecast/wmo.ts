// WMO weather interpretation codes (WMO 4677, as Open-Meteo's `weather_code` uses them) in the
// words a Vietnamese forecast uses. Snow and freezing codes cannot happen in the Mekong Delta
// but a provider may still send them: they get a plain description rather than nothing.

const SUMMARIES: Record<number, string> = {
  0: 'Trời quang, nắng',
  1: 'Ít mây, trời nắng',
  2: 'Có mây',
  3: 'Nhiều mây, trời âm u',
  45: 'Sương mù',
  48: 'Sương mù dày',
  51: 'Mưa phùn nhẹ',
  53: 'Mưa phùn',
  55: 'Mưa phùn dày hạt',
  56: 'Mưa phùn lạnh',
  57: 'Mưa phùn lạnh dày hạt',
  61: 'Mưa nhỏ',
  63: 'Mưa vừa',
  65: 'Mưa to',
  66: 'Mưa lạnh',
  67: 'Mưa lạnh to',
  71: 'Tuyết rơi nhẹ',
  73: 'Tuyết rơi',
  75: 'Tuyết rơi dày',
  77: 'Mưa tuyết',
  80: 'Mưa rào nhẹ',
  81: 'Mưa rào',
  82: 'Mưa rào rất to',
  85: 'Mưa tuyết nhẹ',
  86: 'Mưa tuyết to',
  95: 'Dông',
  96: 'Dông kèm mưa đá',
  99: 'Dông mạnh kèm mưa đá',
};

/** The Vietnamese summary of a WMO weather code ("Mưa rào nhẹ"). */
export function weatherSummary(code: number): string {
  const known = SUMMARIES[code];
  if (known) return known;
  // Codes between the ones Open-Meteo uses: the nearest family.
  if (code >= 95) return 'Dông';
  if (code >= 80) return 'Mưa rào';
  if (code >= 60) return 'Mưa';
  if (code >= 50) return 'Mưa phùn';
  if (code >= 40) return 'Sương mù';
  return 'Nhiều mây';
}
