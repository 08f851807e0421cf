import type { MouseEvent } from 'react';
import type { DialPlanInput } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { fieldId, sectionFor, type IssueView, type Path } from './dial-plan-model.js';
import { describeLocation, issueText } from './issue-text.js';

// A draft broken in many places would otherwise push the editor off the screen.
const SHOWN = 40;

/** Every problem of the draft, each linking to the field it is about (in whichever section). */
export function IssueSummary({ draft, issues, onGo }: { draft: DialPlanInput; issues: IssueView[]; onGo(path: Path): void }) {
  if (issues.length === 0) return null;
  return (
    <section id="dp-issues" tabIndex={-1} className="issue-summary card" aria-labelledby="dp-issues-title">
      <h2 id="dp-issues-title">
        <span aria-hidden="true">⚠ </span>
        {t('dialplan.issues.title', { count: issues.length })}
      </h2>
      <ul>
        {issues.slice(0, SHOWN).map((issue, i) => {
          const section = sectionFor(issue.path);
          const where = describeLocation(draft, issue.path);
          const go = (event: MouseEvent<HTMLAnchorElement>) => {
            event.preventDefault();
            onGo(issue.path);
          };
          return (
            <li key={`${issue.code}-${issue.key}-${i}`}>
              {section ? (
                <a href={`/admin/dialplan/${section}#${fieldId(issue.path)}`} onClick={go}>
                  {where}
                </a>
              ) : (
                <span>{t('dialplan.issues.notEditable', { where })}</span>
              )}
              {': '}
              {issueText(issue)}
            </li>
          );
        })}
      </ul>
      {issues.length > SHOWN && <p>{t('dialplan.issues.more', { count: issues.length - SHOWN })}</p>}
    </section>
  );
}
