import { type AtomEffect, atom } from 'recoil';
import { STORAGE_PREFIX } from '../config';
import { isLanguage, type Language } from '../i18n';
import { getStorage, setStorage } from '../services/zalo';

const STORAGE_KEY = `${STORAGE_PREFIX}language`;

/**
 * Restores the saved choice once the storage answers and saves every change. Vietnamese
 * is the default, so only people who picked English can see the first frame in Vietnamese.
 */
const persistLanguage: AtomEffect<Language> = ({ setSelf, onSet, trigger }) => {
  let chosenThisSession = false;
  if (trigger === 'get') {
    void getStorage(STORAGE_KEY).then((saved) => {
      // A tap on the switch while storage was still answering wins over the old value.
      if (!chosenThisSession && saved.ok && isLanguage(saved.value)) setSelf(saved.value);
    });
  }
  onSet((language) => {
    chosenThisSession = true;
    void setStorage(STORAGE_KEY, language);
  });
};

export const languageState = atom<Language>({
  key: 'language',
  default: 'vi',
  effects: [persistLanguage],
});
