// i18next set-up: every visible string goes through t(); Korean and English, chosen by the stored choice,
// then the browser's language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import appEn from './app.en';
import appKo from './app.ko';
import modelEn from './model.en';
import modelKo from './model.ko';
import editorEn from './editor.en';
import editorKo from './editor.ko';
import linkEn from './link.en';
import linkKo from './link.ko';
import dataEn from './data.en';
import dataKo from './data.ko';
import runEn from './run.en';
import runKo from './run.ko';
import vizEn from './viz.en';
import vizKo from './viz.ko';
import predictEn from './predict.en';
import predictKo from './predict.ko';
import a11yEn from './a11y.en';
import a11yKo from './a11y.ko';
import chartFrameEn from './chartFrame.en';
import chartFrameKo from './chartFrame.ko';
import inputsEn from './inputs.en';
import inputsKo from './inputs.ko';
import lessonsEn from './lessons.en';
import lessonsKo from './lessons.ko';
import parallelEn from './parallel.en';
import parallelKo from './parallel.ko';
import projectEn from './project.en';
import projectKo from './project.ko';
import runLabelsEn from './runLabels.en';
import runLabelsKo from './runLabels.ko';
import speedEn from './speed.en';
import speedKo from './speed.ko';
import understandEn from './understand.en';
import understandKo from './understand.ko';
import walkEn from './walk.en';
import walkKo from './walk.ko';
import workspaceEn from './workspace.en';
import workspaceKo from './workspace.ko';

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'cnnp.language';

export function initialLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'ko') return stored;
  } catch {
    // storage can be unavailable (private mode, sandboxed frames): fall back to the browser's language
  }
  const nav = globalThis.navigator?.language ?? 'en';
  return nav.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function rememberLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not fatal: the choice just is not remembered
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'app',
  ns: ['app', 'model', 'editor', 'link', 'data', 'run', 'viz', 'predict', 'a11y', 'chartFrame', 'inputs', 'lessons', 'parallel', 'project', 'runLabels', 'speed', 'understand', 'walk', 'workspace'],
  resources: {
    en: { app: appEn, model: modelEn, editor: editorEn, link: linkEn, data: dataEn, run: runEn, viz: vizEn, predict: predictEn, a11y: a11yEn, chartFrame: chartFrameEn, inputs: inputsEn, lessons: lessonsEn, parallel: parallelEn, project: projectEn, runLabels: runLabelsEn, speed: speedEn, understand: understandEn, walk: walkEn, workspace: workspaceEn },
    ko: { app: appKo, model: modelKo, editor: editorKo, link: linkKo, data: dataKo, run: runKo, viz: vizKo, predict: predictKo, a11y: a11yKo, chartFrame: chartFrameKo, inputs: inputsKo, lessons: lessonsKo, parallel: parallelKo, project: projectKo, runLabels: runLabelsKo, speed: speedKo, understand: understandKo, walk: walkKo, workspace: workspaceKo },
  },
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false,
});
