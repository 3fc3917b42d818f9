// A link problem as the user reads it: settings named as the training panel names them (not the link's
// short keys "lr, bs"), and a link with no format mark at all told apart from one of another version.
import type { TFunction } from 'i18next';

export interface LinkProblemLike {
  readonly code: string;
  readonly values: Readonly<Record<string, string | number>>;
}

export function linkProblemText(p: LinkProblemLike, t: TFunction<'link'>, tw: TFunction<'walk'>): string {
  if (p.code === 'unknownVersion' && (p.values.version ?? '') === '') return tw('link.noVersion');
  if (p.code === 'ignoredFields') {
    const names = String(p.values.names ?? '').split(', ').filter((k) => k !== '')
      .map((key) => tw(`link.param.${key}`, { defaultValue: key }));
    return t('problem.ignoredFields', { names: names.join(', ') });
  }
  return t(`problem.${p.code}`, { ...p.values });
}
