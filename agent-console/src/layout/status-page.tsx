import { t, type PlainMessageKey } from '../i18n/t.js';
import { Link } from '../routing/link.js';

/** The page for an unknown URL or one the user's role may not open. */
export function StatusPage({ titleKey, bodyKey, home }: { titleKey: PlainMessageKey; bodyKey: PlainMessageKey; home: string | null }) {
  return (
    <section className="page">
      <h1>{t(titleKey)}</h1>
      <p>{t(bodyKey)}</p>
      {home && (
        <p>
          <Link to={home}>{t('page.backHome')}</Link>
        </p>
      )}
    </section>
  );
}
