import { DESTINATION_TYPES } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { defaultDestination, type DestinationInput, type DestinationKind } from './dial-plan-factories.js';
import { fieldId, getIn, type Path } from './dial-plan-model.js';
import { KIND_KEYS } from './destination-text.js';
import { useDraft } from './draft-context.js';
import { IssueList, NumberField, SelectField, TextField, WordsField } from './fields.js';

/**
 * Where a call goes: first the kind, then only the fields that kind needs, with targets picked
 * from what the draft defines (queues, menus, phones, trunks).
 */
export function DestinationPicker({ path, legend, context }: { path: Path; legend: string; context?: string }) {
  const editor = useDraft();
  const { draft } = editor;
  const dest = getIn(draft, path) as DestinationInput | undefined;
  const kind: DestinationKind = dest?.type ?? 'hangup';
  const id = fieldId(path);
  // Sub-field labels name their owner ("Queue of option 3 in Main menu") so repeated pickers stay distinct.
  const ctx = context ?? legend;
  const at = (field: string) => [...path, field];

  return (
    <fieldset id={id} tabIndex={-1} className="destination">
      <legend>
        {legend}
        {context && <span className="visually-hidden"> {context}</span>}
      </legend>
      <IssueList id={id} issues={editor.issuesAt(path)} />
      <div className="destination__fields">
        <SelectField
          path={at('type')}
          label={t('dialplan.dest.kind')}
          context={ctx}
          choices={DESTINATION_TYPES.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
          onSelect={(value) => editor.set(path, defaultDestination(value as DestinationKind, draft))}
        />
        {kind === 'queue' && (
          <SelectField path={at('queue')} label={t('dialplan.dest.queueField')} context={ctx} choices={(draft.queues ?? []).map((q) => ({ value: q.name, label: q.name }))} />
        )}
        {kind === 'ivr' && (
          <SelectField
            path={at('menu')}
            label={t('dialplan.dest.menuField')}
            context={ctx}
            choices={(draft.ivrMenus ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.id})` }))}
          />
        )}
        {kind === 'extension' && (
          <SelectField
            path={at('extension')}
            label={t('dialplan.dest.extensionField')}
            context={ctx}
            choices={(draft.endpoints ?? []).map((e) => ({ value: e.extension, label: `${e.extension} · ${e.displayName}` }))}
          />
        )}
        {kind === 'external' && (
          <>
            <TextField path={at('number')} label={t('dialplan.dest.numberField')} context={ctx} input={{ type: 'tel', inputMode: 'tel' }} />
            <SelectField path={at('trunk')} label={t('dialplan.dest.trunkField')} context={ctx} choices={(draft.trunks ?? []).map((tr) => ({ value: tr.id, label: `${tr.name} (${tr.id})` }))} />
            <NumberField path={at('ringSeconds')} label={t('dialplan.dest.ringSeconds')} context={ctx} min={5} max={600} />
          </>
        )}
        {kind === 'voicemail' && (
          <>
            <TextField path={at('mailbox')} label={t('dialplan.dest.mailboxField')} context={ctx} input={{ inputMode: 'numeric' }} />
            <TextField path={at('context')} label={t('dialplan.dest.contextField')} context={ctx} />
          </>
        )}
        {kind === 'stasis' && (
          <>
            <TextField path={at('app')} label={t('dialplan.dest.appField')} context={ctx} />
            <WordsField path={at('args')} label={t('dialplan.dest.argsField')} context={ctx} />
          </>
        )}
      </div>
    </fieldset>
  );
}
