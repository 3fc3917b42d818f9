import { useTranslation } from 'react-i18next';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n';
import { useApp } from './AppContext';

const NAMES: Record<Language, string> = { en: 'English', ko: '한국어' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  const choose = (lang: Language) => {
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    rememberLanguage(lang);
    setLanguage(lang);
  };
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {LANGUAGES.map((lang) => (
        <button key={lang} type="button" lang={lang} aria-pressed={language === lang} onClick={() => choose(lang)}>
          {NAMES[lang]}
        </button>
      ))}
    </div>
  );
}
