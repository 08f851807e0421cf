import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { customerDisplayName, type Customer } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { navigate, queryParam, useLocation } from '../../routing/history.js';
import { Link } from '../../routing/link.js';
import { errorText } from '../../session/error-text.js';
import { contactText, LIFECYCLE_KEYS } from './customer-format.js';
import { searchCustomers, type CustomerPage } from './customers-api.js';
import { useDebouncedValue } from './use-debounced-value.js';
import { AttributeFilter, type AttributeFilterValue } from './attribute-filter.js';

export const PAGE_SIZE = 25;
const DEBOUNCE_MS = 300;

function searchUrl(q: string, page: number, filter: AttributeFilterValue = { attribute: '', value: '' }): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (filter.attribute && filter.value.trim()) {
    params.set('attribute', filter.attribute);
    params.set('value', filter.value.trim());
  }
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return `/customers${s ? `?${s}` : ''}`;
}

type Results = { status: 'loading'; last: CustomerPage | null } | { status: 'ok'; page: CustomerPage } | { status: 'error'; message: string };

/** Search box with debounced search, keyboard navigation of results and paging; query and page live in the URL. */
export function CustomerSearchPage() {
  const http = useApi();
  const id = useId();
  const { search } = useLocation();
  const urlQ = queryParam(search, 'q') ?? '';
  const page = Math.max(1, Number.parseInt(queryParam(search, 'page') ?? '1', 10) || 1);
  const urlAttribute = queryParam(search, 'attribute') ?? '';
  const urlValue = queryParam(search, 'value') ?? '';
  const urlFilter: AttributeFilterValue = { attribute: urlAttribute, value: urlValue };
  const [filter, setFilter] = useState<AttributeFilterValue>(urlFilter);

  const [text, setText] = useState(urlQ);
  const debounced = useDebouncedValue(text, DEBOUNCE_MS);
  const lastDebounced = useRef(debounced);
  const [results, setResults] = useState<Results>({ status: 'loading', last: null });
  const inputRef = useRef<HTMLInputElement>(null);
  const linkRefs = useRef<(HTMLAnchorElement | null)[]>([]);

  // Typing settles into the URL (replace: keystrokes are not history entries)...
  useEffect(() => {
    if (debounced === lastDebounced.current) return;
    lastDebounced.current = debounced;
    if (debounced.trim() !== urlQ) navigate(searchUrl(debounced.trim(), 1, { attribute: urlAttribute, value: urlValue }), { replace: true });
  }, [debounced, urlQ, urlAttribute, urlValue]);

  // ...and back/forward puts the URL's query back into the box.
  useEffect(() => {
    if (urlQ !== lastDebounced.current.trim()) setText(urlQ);
  }, [urlQ]);

  useEffect(() => {
    const controller = new AbortController();
    setResults((r) => ({ status: 'loading', last: r.status === 'ok' ? r.page : r.status === 'loading' ? r.last : null }));
    const byAttribute = urlAttribute && urlValue ? { attribute: urlAttribute, value: urlValue } : {};
    searchCustomers(http, { q: urlQ, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...byAttribute }, controller.signal).then(
      (p) => setResults({ status: 'ok', page: p }),
      (err: unknown) => {
        if (!controller.signal.aborted) setResults({ status: 'error', message: errorText(err) });
      },
    );
    return () => controller.abort();
  }, [http, urlQ, page, urlAttribute, urlValue]);

  function searchNow(event: FormEvent) {
    event.preventDefault();
    lastDebounced.current = text;
    const next = searchUrl(text.trim(), 1, filter);
    if (next !== searchUrl(urlQ, page, urlFilter)) navigate(next, { replace: true });
  }

  function onInputKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && linkRefs.current[0]) {
      event.preventDefault();
      linkRefs.current[0].focus();
    }
  }

  function onResultKey(event: KeyboardEvent<HTMLAnchorElement>, index: number) {
    const links = linkRefs.current.filter((l): l is HTMLAnchorElement => l !== null);
    let target: HTMLElement | null | undefined;
    if (event.key === 'ArrowDown') target = links[Math.min(index + 1, links.length - 1)];
    else if (event.key === 'ArrowUp') target = index === 0 ? inputRef.current : links[index - 1];
    else if (event.key === 'Home') target = links[0];
    else if (event.key === 'End') target = links[links.length - 1];
    else if (event.key === 'Escape') target = inputRef.current;
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }

  const shown = results.status === 'ok' ? results.page : results.status === 'loading' ? results.last : null;
  const pages = shown ? Math.max(1, Math.ceil(shown.total / PAGE_SIZE)) : 1;
  linkRefs.current = [];

  return (
    <section className="page" aria-labelledby={`${id}-title`}>
      <div className="page__head">
        <h1 id={`${id}-title`}>{t('customers.search.title')}</h1>
        <Link to="/customers/new" className="button button--primary">
          {t('customers.new')}
        </Link>
      </div>
      <form role="search" onSubmit={searchNow} className="search">
        <label htmlFor={`${id}-q`}>{t('customers.search.label')}</label>
        <input
          id={`${id}-q`}
          ref={inputRef}
          type="search"
          value={text}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          aria-controls={`${id}-results`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onInputKey}
        />
        <button type="submit" className="button">
          {t('customers.search.submit')}
        </button>
        <p id={`${id}-hint`} className="hint">
          {t('customers.search.hint')}
        </p>
        <AttributeFilter idPrefix={id} value={filter} onChange={setFilter} />
      </form>

      <p role="status" aria-live="polite" className="search__status">
        {results.status === 'loading' && !shown && t('customers.search.loading')}
        {shown && countText(shown.total, shown.totalExact)}
      </p>
      {results.status === 'error' && (
        <p role="alert" className="error-text">
          {results.message}
        </p>
      )}

      {shown && shown.items.length > 0 && (
        <ul id={`${id}-results`} className="results" aria-busy={results.status === 'loading'} aria-label={t('customers.search.results')}>
          {shown.items.map((c, i) => (
            <li key={c.id}>
              <Link
                to={`/customers/${c.id}`}
                className="result"
                ref={(el) => {
                  linkRefs.current[i] = el;
                }}
                onKeyDown={(e) => onResultKey(e, i)}
              >
                <ResultLine customer={c} />
              </Link>
            </li>
          ))}
        </ul>
      )}

      {shown && pages > 1 && (
        <nav className="pager" aria-label={t('customers.pager.label')}>
          <button type="button" className="button" disabled={page <= 1} onClick={() => navigate(searchUrl(urlQ, page - 1, urlFilter))}>
            {t('customers.pager.previous')}
          </button>
          <span>{t('customers.pager.position', { page, pages })}</span>
          <button type="button" className="button" disabled={page >= pages} onClick={() => navigate(searchUrl(urlQ, page + 1, urlFilter))}>
            {t('customers.pager.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

function countText(total: number, exact: boolean): string {
  if (!exact) return t('customers.search.many', { count: total });
  if (total === 0) return t('customers.search.none');
  return total === 1 ? t('customers.search.one') : t('customers.search.count', { count: total });
}

function ResultLine({ customer }: { customer: Customer }) {
  const phone = customer.contactPoints.find((cp) => cp.kind === 'phone');
  const org = customer.kind === 'person' ? customer.company : null;
  return (
    <>
      <span className="result__name">{customerDisplayName(customer) || t('customer.unnamed')}</span>
      <span className="result__meta">
        {[org, customer.email, phone ? contactText(phone) : null].filter(Boolean).join(' · ')}
      </span>
      <span className="badge">{t(LIFECYCLE_KEYS[customer.lifecycle])}</span>
    </>
  );
}
