import { useId } from 'react';
import type { RenderedFileDiff } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { diffLines, diffStats, toHunks, type DiffLine } from './line-diff.js';

const SIGN: Record<DiffLine['kind'], string> = { add: '+', del: '-', same: ' ' };

function LineRow({ line }: { line: DiffLine }) {
  return (
    <tr className={`diff__line diff__line--${line.kind}`}>
      <td className="diff__no">{line.oldNo ?? ''}</td>
      <td className="diff__no">{line.newNo ?? ''}</td>
      <td className="diff__sign">
        <span aria-hidden="true">{SIGN[line.kind]}</span>
        {line.kind !== 'same' && <span className="visually-hidden">{t(line.kind === 'add' ? 'dialplan.diff.added' : 'dialplan.diff.removed')}</span>}
      </td>
      <td className="diff__text">
        <code>{line.text}</code>
      </td>
    </tr>
  );
}

function ChangedFile({ file }: { file: RenderedFileDiff }) {
  const id = useId();
  const lines = diffLines(file.live, file.draft);
  const { added, removed } = diffStats(lines);
  return (
    <section className="diff-file" aria-labelledby={id}>
      <h3 id={id}>
        <code>{file.name}</code>{' '}
        <span className="badge badge--warn">{t('dialplan.diff.stats', { added, removed })}</span>
      </h3>
      <div className="table-scroll">
        <table className="diff">
          <caption className="visually-hidden">{t('dialplan.diff.caption', { name: file.name })}</caption>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{t('dialplan.diff.oldLine')}</th>
              <th scope="col">{t('dialplan.diff.newLine')}</th>
              <th scope="col">{t('dialplan.diff.change')}</th>
              <th scope="col">{t('dialplan.diff.text')}</th>
            </tr>
          </thead>
          <tbody>
            {toHunks(lines).map((hunk, h) =>
              hunk.type === 'skip' ? (
                <tr key={h} className="diff__skip">
                  <td colSpan={4}>{t('dialplan.diff.skipped', { count: hunk.count })}</td>
                </tr>
              ) : (
                hunk.lines.map((line, k) => <LineRow key={`${h}-${k}`} line={line} />)
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The rendered Asterisk files, live against draft: changed files first, each as a +/- line diff. */
export function DiffView({ files }: { files: RenderedFileDiff[] }) {
  const ordered = [...files].sort((a, b) => Number(b.changed) - Number(a.changed) || a.name.localeCompare(b.name));
  const changed = ordered.filter((f) => f.changed);
  const unchanged = ordered.filter((f) => !f.changed);
  return (
    <div className="diff-view">
      <p role="status">{changed.length ? t('dialplan.diff.summary', { changed: changed.length, total: files.length }) : t('dialplan.diff.noChanges')}</p>
      {changed.map((f) => (
        <ChangedFile key={f.name} file={f} />
      ))}
      {unchanged.length > 0 && (
        <section aria-labelledby="dp-diff-unchanged">
          <h3 id="dp-diff-unchanged">{t('dialplan.diff.unchangedTitle')}</h3>
          <ul className="diff-unchanged">
            {unchanged.map((f) => (
              <li key={f.name}>
                <details>
                  <summary>
                    <code>{f.name}</code> · {t('dialplan.diff.unchanged')}
                  </summary>
                  <pre className="diff__whole">{f.live}</pre>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
