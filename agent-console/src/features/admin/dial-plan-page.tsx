import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { LOCALE, t, type PlainMessageKey } from '../../i18n/t.js';
import { StatusPage } from '../../layout/status-page.js';
import { navigate, useLocation } from '../../routing/history.js';
import { Link } from '../../routing/link.js';
import { ChangesSection } from './changes-section.js';
import { fieldId, sectionFor, setIn, SECTIONS, type Path, type Section } from './dial-plan-model.js';
import { DraftProvider, issueLookup, type DraftEditor } from './draft-context.js';
import { EndpointsSection } from './endpoints-section.js';
import { HoursSection } from './hours-section.js';
import { IssueSummary } from './issue-summary.js';
import { IvrSection } from './ivr-section.js';
import { QueuesSection } from './queues-section.js';
import { RoutesSection } from './routes-section.js';
import { useDialPlanDraft, type DraftMeta } from './use-dial-plan-draft.js';
import { VersionsSection } from './versions-section.js';

const BASE = '/admin/dialplan';

const SECTION_KEYS: Record<Section, PlainMessageKey> = {
  routes: 'dialplan.section.routes',
  ivr: 'dialplan.section.ivr',
  queues: 'dialplan.section.queues',
  hours: 'dialplan.section.hours',
  endpoints: 'dialplan.section.endpoints',
  changes: 'dialplan.section.changes',
  versions: 'dialplan.section.versions',
};

/** The section a URL shows: `/admin/dialplan` opens routes; an unknown one yields null. */
export function sectionOf(pathname: string): Section | null {
  const rest = pathname.slice(BASE.length).replace(/^\/+|\/+$/g, '');
  if (rest === '') return 'routes';
  return (SECTIONS as readonly string[]).includes(rest) ? (rest as Section) : null;
}

function savedText(meta: DraftMeta): string {
  const based = meta.basedOnVersion === null ? t('dialplan.toolbar.neverPublished') : t('dialplan.toolbar.basedOn', { number: meta.basedOnVersion });
  const at = new Date(meta.updatedAt);
  if (!meta.updatedBy || Number.isNaN(at.getTime())) return based;
  const when = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  return `${based} · ${t('dialplan.toolbar.savedBy', { when, who: meta.updatedBy })}`;
}

/** Focuses the control of a path, or of the nearest enclosing thing that has one. */
function focusPath(path: Path): void {
  for (let n = path.length; n > 0; n--) {
    const el = document.getElementById(fieldId(path.slice(0, n)));
    if (el) {
      el.focus();
      el.scrollIntoView?.({ block: 'center' });
      // The shell focuses <main> after a navigation; take focus back once it has.
      setTimeout(() => {
        if (el.isConnected && document.activeElement !== el) el.focus();
      }, 0);
      return;
    }
  }
}

/** The dial-plan pages: edit the draft section by section, review the rendered diff, publish, roll back. */
export function DialPlanPage() {
  const http = useApi();
  const { pathname } = useLocation();
  const section = sectionOf(pathname);
  const state = useDialPlanDraft(http);
  const { draft, dirty, issues, change } = state;
  const [focusRequest, setFocusRequest] = useState<{ path: Path } | null>(null);
  const [versionsKey, setVersionsKey] = useState(0);

  useEffect(() => {
    if (!focusRequest) return;
    setFocusRequest(null);
    focusPath(focusRequest.path);
  }, [focusRequest]);

  // Leaving the browser page with unsaved edits asks first; they live only in this tab.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const focusLater = useCallback((path: Path) => setFocusRequest({ path }), []);
  const editor = useMemo<DraftEditor | null>(
    () =>
      draft && {
        draft,
        set: (path, value) => change((d) => setIn(d, path, value)),
        change,
        issuesAt: issueLookup(issues),
        focusLater,
      },
    [draft, issues, change, focusLater],
  );

  if (section === null) return <StatusPage titleKey="page.notFound.title" bodyKey="page.notFound.body" home={BASE} />;
  if (state.load.status === 'loading') return <p role="status">{t('dialplan.loading')}</p>;
  if (state.load.status === 'error' || !editor) {
    return (
      <section className="page">
        <h1>{t('dialplan.title')}</h1>
        <p role="alert" className="error-text">
          {state.load.status === 'error' ? state.load.message : t('dialplan.loading')}
        </p>
      </section>
    );
  }

  const perSection = (s: Section) => issues.filter((i) => sectionFor(i.path) === s).length;
  const blockedReason = issues.length > 0 ? t('dialplan.publish.blockedIssues', { count: issues.length }) : dirty ? t('dialplan.publish.blockedUnsaved') : null;
  const afterRelease = () => {
    setVersionsKey((k) => k + 1);
    void state.reload();
  };

  return (
    <DraftProvider editor={editor}>
      <section className="page dial-plan" aria-labelledby="dp-title">
        <div className="page__head">
          <div>
            <h1 id="dp-title">{t('dialplan.title')}</h1>
            <p className="subtitle">{savedText(state.saved.meta)}</p>
          </div>
          <div className="dp-toolbar" role="group" aria-label={t('dialplan.toolbar.label')}>
            <span className={dirty ? 'badge badge--warn' : 'badge'}>
              <span aria-hidden="true">{dirty ? '● ' : '✓ '}</span>
              {dirty ? t('dialplan.toolbar.unsaved') : t('dialplan.toolbar.saved')}
            </span>
            <span className={issues.length ? 'badge badge--warn' : 'badge'}>
              <span aria-hidden="true">{issues.length ? '⚠ ' : '✓ '}</span>
              {issues.length ? t('dialplan.toolbar.issues', { count: issues.length }) : t('dialplan.toolbar.noIssues')}
            </span>
            <button type="button" className="button button--primary" onClick={() => void state.save()} disabled={!dirty || state.saving}>
              {state.saving ? t('dialplan.save.busy') : t('dialplan.save.submit')}
            </button>
          </div>
        </div>
        <div role="status" className="alert-slot">
          {state.outcome && <p className={state.outcome.ok ? 'ok-text' : 'error-text'}>{state.outcome.text}</p>}
        </div>

        <nav className="dp-tabs" aria-label={t('dialplan.sectionsLabel')}>
          <ul>
            {SECTIONS.map((s) => {
              const count = perSection(s);
              return (
                <li key={s}>
                  <Link to={`${BASE}/${s}`} aria-current={s === section ? 'page' : undefined}>
                    {t(SECTION_KEYS[s])}
                    {count > 0 && <span className="tab-issues">{t('dialplan.sectionIssues', { count })}</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>

        <IssueSummary
          draft={editor.draft}
          issues={issues}
          onGo={(path) => {
            const target = sectionFor(path);
            if (target) navigate(`${BASE}/${target}`);
            setFocusRequest({ path });
          }}
        />

        {section !== 'changes' && <h2>{t(SECTION_KEYS[section])}</h2>}
        {section === 'routes' && <RoutesSection />}
        {section === 'ivr' && <IvrSection />}
        {section === 'queues' && <QueuesSection />}
        {section === 'hours' && <HoursSection />}
        {section === 'endpoints' && <EndpointsSection />}
        {section === 'changes' && <ChangesSection savedRevision={state.saved.revision} dirty={dirty} blockedReason={blockedReason} onPublished={afterRelease} />}
        {section === 'versions' && <VersionsSection refreshKey={versionsKey} onRolledBack={afterRelease} />}
      </section>
    </DraftProvider>
  );
}
