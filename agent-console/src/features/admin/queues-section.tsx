import { QUEUE_STRATEGIES } from '@ringside/shared';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import { newQueue } from './dial-plan-factories.js';
import { appendIn, fieldId } from './dial-plan-model.js';
import { DestinationPicker } from './destination-picker.js';
import { useDraft } from './draft-context.js';
import { CheckboxField, IssueList, NumberField, SelectField, TextField, RemoveButton } from './fields.js';

const STRATEGY_KEYS: Record<(typeof QUEUE_STRATEGIES)[number], PlainMessageKey> = {
  ringall: 'dialplan.strategy.ringall',
  rrmemory: 'dialplan.strategy.rrmemory',
  leastrecent: 'dialplan.strategy.leastrecent',
  fewestcalls: 'dialplan.strategy.fewestcalls',
  random: 'dialplan.strategy.random',
  linear: 'dialplan.strategy.linear',
  wrandom: 'dialplan.strategy.wrandom',
};

function QueueEditor({ index }: { index: number }) {
  const editor = useDraft();
  const queue = editor.draft.queues?.[index];
  if (!queue) return null;
  const base = ['queues', index] as const;
  const title = queue.name;
  const members = queue.members ?? [];
  const endpoints = editor.draft.endpoints ?? [];
  const headingId = `${fieldId(base)}-title`;

  function addMember() {
    const free = endpoints.find((e) => !members.some((m) => m.extension === e.extension));
    editor.change((d) => appendIn(d, [...base, 'members'], { extension: free?.extension ?? '', penalty: 0, membership: 'static' }));
    editor.focusLater([...base, 'members', members.length, 'extension']);
  }

  return (
    <article id={fieldId(base)} tabIndex={-1} className="card dp-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('dialplan.queues.title', { name: title })}</h3>
      <IssueList id={fieldId(base)} issues={editor.issuesAt(base)} />
      <div className="row">
        <TextField path={[...base, 'name']} label={t('dialplan.queues.name')} context={title} hint={t('dialplan.idHint')} />
        <SelectField path={[...base, 'strategy']} label={t('dialplan.queues.strategy')} context={title} choices={QUEUE_STRATEGIES.map((s) => ({ value: s, label: t(STRATEGY_KEYS[s]) }))} />
      </div>
      <div className="row">
        <NumberField path={[...base, 'ringTimeoutSeconds']} label={t('dialplan.queues.ringTimeout')} context={title} min={1} max={300} />
        <NumberField path={[...base, 'retrySeconds']} label={t('dialplan.queues.retry')} context={title} min={0} max={300} />
        <NumberField path={[...base, 'wrapUpSeconds']} label={t('dialplan.queues.wrapUp')} context={title} min={0} max={3600} />
        <NumberField path={[...base, 'serviceLevelSeconds']} label={t('dialplan.queues.serviceLevel')} context={title} min={0} max={3600} />
      </div>
      <div className="row">
        <NumberField path={[...base, 'maxWaitSeconds']} label={t('dialplan.queues.maxWait')} context={title} min={1} max={86400} />
        <NumberField path={[...base, 'maxCallers']} label={t('dialplan.queues.maxCallers')} context={title} min={0} max={10000} hint={t('dialplan.queues.maxCallersHint')} />
      </div>
      <DestinationPicker path={[...base, 'overflow']} legend={t('dialplan.queues.overflow')} context={t('dialplan.queues.overflowContext', { name: title })} />
      <div className="row">
        <CheckboxField path={[...base, 'joinEmpty']} label={t('dialplan.queues.joinEmpty')} context={title} fallback />
        <CheckboxField path={[...base, 'leaveWhenEmpty']} label={t('dialplan.queues.leaveWhenEmpty')} context={title} />
        <CheckboxField path={[...base, 'announcePosition']} label={t('dialplan.queues.announcePosition')} context={title} />
      </div>

      <fieldset id={fieldId([...base, 'members'])} tabIndex={-1} className="dp-list">
        <legend>{t('dialplan.queues.members', { name: title })}</legend>
        <IssueList id={fieldId([...base, 'members'])} issues={editor.issuesAt([...base, 'members'])} />
        {members.length === 0 && <p>{t('dialplan.queues.noMembers')}</p>}
        <ol className="dp-rows">
          {members.map((m, k) => {
            const where = t('dialplan.queues.memberContext', { n: k + 1, name: title });
            return (
              <li key={k} className="member-row">
                <SelectField
                  path={[...base, 'members', k, 'extension']}
                  label={t('dialplan.queues.member')}
                  context={where}
                  choices={endpoints.map((e) => ({ value: e.extension, label: `${e.extension} · ${e.displayName}` }))}
                />
                <NumberField path={[...base, 'members', k, 'penalty']} label={t('dialplan.queues.penalty')} context={where} min={0} max={100} />
                <SelectField
                  path={[...base, 'members', k, 'membership']}
                  label={t('dialplan.queues.membership')}
                  context={where}
                  choices={[
                    { value: 'static', label: t('dialplan.queues.membership.static') },
                    { value: 'dynamic', label: t('dialplan.queues.membership.dynamic') },
                  ]}
                />
                <RemoveButton list={[...base, 'members']} index={k} focusAfter={[...base, 'addMember']} label={t('dialplan.queues.removeMember', { extension: m.extension, name: title })} />
              </li>
            );
          })}
        </ol>
        <button type="button" id={fieldId([...base, 'addMember'])} className="button" onClick={addMember} disabled={endpoints.length === 0}>
          {t('dialplan.queues.addMember', { name: title })}
        </button>
        {endpoints.length === 0 && <p className="hint">{t('dialplan.queues.noEndpoints')}</p>}
      </fieldset>
      <RemoveButton list={['queues']} index={index} focusAfter={['queues', 'add']} label={t('dialplan.queues.remove', { name: title })} />
    </article>
  );
}

/** Every queue: ring strategy and timings, overflow, service-level target, members and penalties. */
export function QueuesSection() {
  const editor = useDraft();
  const queues = editor.draft.queues ?? [];
  return (
    <div className="dp-section">
      {queues.length === 0 && <p>{t('dialplan.queues.none')}</p>}
      {queues.map((q, i) => (
        <QueueEditor key={i} index={i} />
      ))}
      <button
        type="button"
        id={fieldId(['queues', 'add'])}
        className="button"
        onClick={() => {
          editor.change((d) => appendIn(d, ['queues'], newQueue(d)));
          editor.focusLater(['queues', queues.length, 'name']);
        }}
      >
        {t('dialplan.queues.add')}
      </button>
    </div>
  );
}
