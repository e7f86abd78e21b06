import { useMemo } from 'react';
import { useRecoilState, useRecoilValue } from 'recoil';
import { languageState } from '../state/language';
import { type Language, type Translate, translator } from '.';

/** `t('key', { param })` in the user's current language. */
export function useT(): Translate {
  const language = useRecoilValue(languageState);
  return useMemo(() => translator(language), [language]);
}

export function useLanguage(): [Language, (language: Language) => void] {
  return useRecoilState(languageState);
}
