// The table of projects saved in this browser, newest first: name, when saved, test accuracy, weight size,
// and open / duplicate / delete for each.
import { useTranslation } from 'react-i18next';
import type { ProjectSession, ProjectSessionState } from '../../project/projectSession';

const formatBytes = (bytes: number, lang: string) =>
  bytes === 0 ? '—' : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`;

export function ProjectList({ state, session, onBackbone }: { state: ProjectSessionState; session: ProjectSession | null;
  onBackbone?: (id: string) => void }) {
  const { t, i18n } = useTranslation('project');
  const lang = i18n.language;
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <div className="projects-list">
      <h2>{t('listHeading')}</h2>
      {state.list.length === 0 ? <p className="muted">{t('empty')}</p> : (
        <table>
          <thead>
            <tr><th>{t('name')}</th><th>{t('updated')}</th><th>{t('accuracy')}</th><th>{t('size')}</th><td /></tr>
          </thead>
          <tbody>
            {state.list.map((p) => {
              const isOpen = p.id === state.current?.id;
              return (
                <tr key={p.id} data-project={p.name} aria-current={isOpen ? 'true' : undefined}>
                  <td className="project-name" title={p.name}>{p.name}{isOpen && <span className="muted"> ({t('openNow')})</span>}</td>
                  <td>{date.format(p.updatedAt)}</td>
                  <td>{p.testAccuracy === null ? <span className="muted">{t('noAccuracy')}</span> : percent.format(p.testAccuracy)}</td>
                  <td>{formatBytes(p.weightBytes, lang)}</td>
                  <td className="projects-row-actions">
                    <button type="button" disabled={isOpen || !session} onClick={() => void session?.open(p.id)}>{t('open')}</button>
                    <button type="button" disabled={!session} onClick={() => void session?.duplicate(p.id, t('copyName', { name: p.name }))}>{t('duplicate')}</button>
                    {onBackbone && <button type="button" data-action="backbone" onClick={() => onBackbone(p.id)}>{t('backbone.action')}</button>}
                    <button type="button" disabled={!session} onClick={() => {
                      if (window.confirm(t('confirmDelete', { name: p.name }))) void session?.remove(p.id);
                    }}>{t('delete')}</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
