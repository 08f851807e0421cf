import { t } from '../../i18n/t.js';
import { newEndpoint } from './dial-plan-factories.js';
import { appendIn, fieldId } from './dial-plan-model.js';
import { useDraft } from './draft-context.js';
import { CheckboxField, IssueList, TextField, RemoveButton } from './fields.js';

/** Agent phones: extension, caller-ID name, SIP password reference, browser softphone or not. */
export function EndpointsSection() {
  const editor = useDraft();
  const endpoints = editor.draft.endpoints ?? [];
  return (
    <div className="dp-section">
      <p className="subtitle">{t('dialplan.endpoints.intro')}</p>
      <p className="hint">{t('dialplan.endpoints.passwordRefHint')}</p>
      {endpoints.length === 0 && <p>{t('dialplan.endpoints.none')}</p>}
      <ol className="dp-rows">
        {endpoints.map((e, i) => {
          const base = ['endpoints', i] as const;
          const where = t('dialplan.endpoints.context', { extension: e.extension || String(i + 1) });
          return (
            <li key={i} id={fieldId(base)} tabIndex={-1} className="card endpoint-row">
              <IssueList id={fieldId(base)} issues={editor.issuesAt(base)} />
              <TextField path={[...base, 'extension']} label={t('dialplan.endpoints.extension')} context={where} input={{ inputMode: 'numeric' }} />
              <TextField path={[...base, 'displayName']} label={t('dialplan.endpoints.displayName')} context={where} />
              <TextField path={[...base, 'passwordRef']} label={t('dialplan.endpoints.passwordRef')} context={where} />
              <CheckboxField path={[...base, 'webrtc']} label={t('dialplan.endpoints.webrtc')} context={where} />
              <RemoveButton list={['endpoints']} index={i} focusAfter={['endpoints', 'add']} label={t('dialplan.endpoints.remove', { extension: e.extension })} />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        id={fieldId(['endpoints', 'add'])}
        className="button"
        onClick={() => {
          editor.change((d) => appendIn(d, ['endpoints'], newEndpoint(d)));
          editor.focusLater(['endpoints', endpoints.length, 'extension']);
        }}
      >
        {t('dialplan.endpoints.add')}
      </button>
    </div>
  );
}
