import { customerDisplayName, type DuplicateCandidate, type MatchEvidence } from '@ringside/shared';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import { Link } from '../../routing/link.js';

const ATTRIBUTE_KEYS = {
  phone: 'match.phone',
  email: 'match.email',
  family_name: 'match.family_name',
  given_name: 'match.given_name',
  birth_date: 'match.birth_date',
  address: 'match.address',
  organisation_name: 'match.organisation_name',
} as const satisfies Record<MatchEvidence['attribute'], PlainMessageKey>;

function evidenceText(e: MatchEvidence): string {
  const attribute = t(ATTRIBUTE_KEYS[e.attribute]);
  return t(e.weight > 0 ? 'duplicates.evidenceFor' : 'duplicates.evidenceAgainst', { attribute, left: e.left, right: e.right });
}

interface DuplicateWarningProps {
  candidates: DuplicateCandidate[];
  busy: boolean;
  onSaveAnyway(): void;
}

/** The likely duplicates of the form's draft with the rules that fired; the agent opens one or saves anyway. */
export function DuplicateWarning({ candidates, busy, onSaveAnyway }: DuplicateWarningProps) {
  return (
    <section className="card duplicate-warning" role="alert" aria-labelledby="duplicate-warning-title">
      <h2 id="duplicate-warning-title">{t('duplicates.title')}</h2>
      <p>{t('duplicates.intro')}</p>
      <ul className="duplicate-candidates">
        {candidates.map((c) => (
          <li key={c.customer.id} className="duplicate-candidate">
            <p>
              <strong>{customerDisplayName(c.customer) || c.customer.id}</strong> · {t(c.decision === 'sure' ? 'duplicates.sure' : 'duplicates.review')} ·{' '}
              {t('duplicates.score', { score: String(c.score) })}
            </p>
            <ul className="evidence">
              {c.evidence.map((e) => (
                <li key={`${e.ruleId}-${e.left}`} className={e.weight > 0 ? 'evidence--for' : 'evidence--against'}>
                  {evidenceText(e)} ({e.weight > 0 ? `+${e.weight}` : `−${Math.abs(e.weight)}`}) <code className="rule-id">{e.ruleId}</code>
                </li>
              ))}
            </ul>
            <Link to={`/customers/${c.customer.id}`} className="button">
              {t('duplicates.open')}
            </Link>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--quiet" disabled={busy} onClick={onSaveAnyway}>
        {t('duplicates.saveAnyway')}
      </button>
    </section>
  );
}
