import { t } from '../../i18n/t.js';
import { newInboundRoute, newInternalRoute } from './dial-plan-factories.js';
import { appendIn, fieldId } from './dial-plan-model.js';
import { DestinationPicker } from './destination-picker.js';
import { useDraft } from './draft-context.js';
import { IssueList, NumberField, SelectField, TextField, RemoveButton } from './fields.js';

function InboundRoutes() {
  const editor = useDraft();
  const routes = editor.draft.inboundRoutes ?? [];
  const schedules = editor.draft.schedules ?? [];
  return (
    <section aria-labelledby="dp-inbound-title">
      <h3 id="dp-inbound-title">{t('dialplan.routes.inbound')}</h3>
      <p className="subtitle">{t('dialplan.routes.inboundIntro')}</p>
      {routes.length === 0 && <p>{t('dialplan.routes.noInbound')}</p>}
      {routes.map((r, i) => {
        const base = ['inboundRoutes', i] as const;
        const title = r.name || r.id;
        return (
          <article key={i} id={fieldId(base)} tabIndex={-1} className="card dp-item" aria-label={t('dialplan.routes.inboundTitle', { name: title })}>
            <IssueList id={fieldId(base)} issues={editor.issuesAt(base)} />
            <div className="row">
              <TextField path={[...base, 'id']} label={t('dialplan.routes.id')} context={title} />
              <TextField path={[...base, 'name']} label={t('dialplan.routes.name')} context={title} />
              <TextField path={[...base, 'did']} label={t('dialplan.routes.did')} context={title} hint={t('dialplan.routes.didHint')} />
            </div>
            <div className="row">
              <TextField path={[...base, 'callerPattern']} label={t('dialplan.routes.callerPattern')} context={title} optional />
              <NumberField path={[...base, 'priority']} label={t('dialplan.routes.priority')} context={title} min={0} max={1000} hint={t('dialplan.routes.priorityHint')} />
              <SelectField
                path={[...base, 'scheduleId']}
                label={t('dialplan.routes.schedule')}
                context={title}
                choices={[{ value: '', label: t('dialplan.routes.always') }, ...schedules.map((s) => ({ value: s.id, label: s.name || s.id }))]}
                onSelect={(value) => editor.set([...base, 'scheduleId'], value === '' ? undefined : value)}
              />
            </div>
            <DestinationPicker path={[...base, 'destination']} legend={t('dialplan.routes.destination')} context={t('dialplan.routes.context', { name: title })} />
            <RemoveButton list={['inboundRoutes']} index={i} focusAfter={['inboundRoutes', 'add']} label={t('dialplan.routes.remove', { name: title })} />
          </article>
        );
      })}
      <button
        type="button"
        id={fieldId(['inboundRoutes', 'add'])}
        className="button"
        onClick={() => {
          editor.change((d) => appendIn(d, ['inboundRoutes'], newInboundRoute(d)));
          editor.focusLater(['inboundRoutes', routes.length, 'did']);
        }}
      >
        {t('dialplan.routes.addInbound')}
      </button>
    </section>
  );
}

function InternalRoutes() {
  const editor = useDraft();
  const routes = editor.draft.internalRoutes ?? [];
  return (
    <section aria-labelledby="dp-internal-title">
      <h3 id="dp-internal-title">{t('dialplan.routes.internal')}</h3>
      <p className="subtitle">{t('dialplan.routes.internalIntro')}</p>
      {routes.length === 0 && <p>{t('dialplan.routes.noInternal')}</p>}
      {routes.map((r, i) => {
        const base = ['internalRoutes', i] as const;
        const title = r.name || r.extension;
        return (
          <article key={i} id={fieldId(base)} tabIndex={-1} className="card dp-item" aria-label={t('dialplan.routes.internalTitle', { name: title })}>
            <IssueList id={fieldId(base)} issues={editor.issuesAt(base)} />
            <div className="row">
              <TextField path={[...base, 'extension']} label={t('dialplan.routes.extension')} context={title} />
              <TextField path={[...base, 'name']} label={t('dialplan.routes.name')} context={title} />
            </div>
            <DestinationPicker path={[...base, 'destination']} legend={t('dialplan.routes.destination')} context={t('dialplan.routes.context', { name: title })} />
            <RemoveButton list={['internalRoutes']} index={i} focusAfter={['internalRoutes', 'add']} label={t('dialplan.routes.remove', { name: title })} />
          </article>
        );
      })}
      <button
        type="button"
        id={fieldId(['internalRoutes', 'add'])}
        className="button"
        onClick={() => {
          editor.change((d) => appendIn(d, ['internalRoutes'], newInternalRoute()));
          editor.focusLater(['internalRoutes', routes.length, 'extension']);
        }}
      >
        {t('dialplan.routes.addInternal')}
      </button>
    </section>
  );
}

/** The plan's name, the routes from trunks, and the numbers agents dial. */
export function RoutesSection() {
  return (
    <div className="dp-section">
      <div className="row">
        <TextField path={['name']} label={t('dialplan.routes.planName')} />
      </div>
      <InboundRoutes />
      <InternalRoutes />
    </div>
  );
}
