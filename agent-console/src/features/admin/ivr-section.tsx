import { t } from '../../i18n/t.js';
import { newIvrMenu, newIvrOption } from './dial-plan-factories.js';
import { appendIn, fieldId, removeIn } from './dial-plan-model.js';
import { DestinationPicker } from './destination-picker.js';
import { useDraft } from './draft-context.js';
import { CheckboxField, IssueList, NumberField, TextField } from './fields.js';
import { IvrTreeView } from './ivr-tree-view.js';
import { PromptEditor } from './prompt-editor.js';

function MenuEditor({ index }: { index: number }) {
  const editor = useDraft();
  const menu = editor.draft.ivrMenus?.[index];
  if (!menu) return null;
  const base = ['ivrMenus', index] as const;
  const title = menu.name || menu.id;
  const options = Array.isArray(menu.options) ? menu.options : [];
  const headingId = `${fieldId(base)}-title`;

  function addOption() {
    editor.change((d) => appendIn(d, [...base, 'options'], newIvrOption(options.map((o) => String(o.digit)))));
    editor.focusLater([...base, 'options', options.length, 'digit']);
  }

  function removeOption(k: number) {
    editor.change((d) => removeIn(d, [...base, 'options'], k));
    editor.focusLater([...base, 'addOption']);
  }

  function removeMenu() {
    editor.change((d) => removeIn(d, ['ivrMenus'], index));
    editor.focusLater(['ivrMenus', 'add']);
  }

  return (
    <article id={fieldId(base)} tabIndex={-1} className="card dp-item" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('dialplan.ivr.menuTitle', { name: title, id: menu.id })}</h3>
      <IssueList id={fieldId(base)} issues={editor.issuesAt(base)} />
      <IvrTreeView draft={editor.draft} menuId={menu.id} menuName={title} />

      <div className="row">
        <TextField path={[...base, 'id']} label={t('dialplan.ivr.id')} context={title} hint={t('dialplan.idHint')} />
        <TextField path={[...base, 'name']} label={t('dialplan.ivr.name')} context={title} />
        <NumberField path={[...base, 'timeoutSeconds']} label={t('dialplan.ivr.timeoutSeconds')} context={title} min={1} max={60} />
      </div>
      <PromptEditor path={[...base, 'prompt']} label={t('dialplan.ivr.prompt')} context={title} />
      <CheckboxField path={[...base, 'allowDirectDial']} label={t('dialplan.ivr.allowDirectDial')} context={title} />

      <fieldset id={fieldId([...base, 'options'])} tabIndex={-1} className="dp-list">
        <legend>{t('dialplan.ivr.options', { name: title })}</legend>
        <IssueList id={fieldId([...base, 'options'])} issues={editor.issuesAt([...base, 'options'])} />
        {options.length === 0 && <p>{t('dialplan.ivr.noOptions')}</p>}
        <ol className="dp-rows">
          {options.map((o, k) => {
            const where = t('dialplan.ivr.optionContext', { n: k + 1, name: title });
            return (
              <li key={k} className="option-row">
                <TextField
                  path={[...base, 'options', k, 'digit']}
                  label={t('dialplan.ivr.digit')}
                  context={where}
                  className="field--digit"
                  input={{ maxLength: 2, inputMode: 'tel', size: 2 }}
                />
                <DestinationPicker path={[...base, 'options', k, 'destination']} legend={t('dialplan.ivr.optionDestination', { digit: String(o.digit ?? '') })} context={where} />
                <button type="button" className="button button--quiet" onClick={() => removeOption(k)}>
                  {t('dialplan.ivr.removeOption', { digit: String(o.digit ?? ''), name: title })}
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" id={fieldId([...base, 'addOption'])} className="button" onClick={addOption} disabled={options.length >= 12}>
          {t('dialplan.ivr.addOption', { name: title })}
        </button>
      </fieldset>

      <div className="columns">
        {(['invalid', 'timeout'] as const).map((which) => {
          const label = t(which === 'invalid' ? 'dialplan.ivr.invalid' : 'dialplan.ivr.timeout');
          return (
            <fieldset key={which} className="dp-list">
              <legend>{label}</legend>
              <NumberField path={[...base, which, 'attempts']} label={t('dialplan.ivr.attempts')} context={t('dialplan.ivr.retryContext', { which: label, name: title })} min={1} max={10} />
              <DestinationPicker path={[...base, which, 'destination']} legend={t('dialplan.ivr.afterLastAttempt')} context={t('dialplan.ivr.retryContext', { which: label, name: title })} />
            </fieldset>
          );
        })}
      </div>
      <button type="button" className="button button--quiet" onClick={removeMenu}>
        {t('dialplan.ivr.removeMenu', { name: title })}
      </button>
    </article>
  );
}

/** Every voice menu: its call-flow tree, its settings, its keys and where they lead. */
export function IvrSection() {
  const editor = useDraft();
  const menus = editor.draft.ivrMenus ?? [];
  return (
    <div className="dp-section">
      <p className="subtitle">{t('dialplan.ivr.intro')}</p>
      {menus.length === 0 && <p>{t('dialplan.ivr.none')}</p>}
      {menus.map((m, i) => (
        <MenuEditor key={i} index={i} />
      ))}
      <button
        type="button"
        id={fieldId(['ivrMenus', 'add'])}
        className="button"
        onClick={() => {
          editor.change((d) => appendIn(d, ['ivrMenus'], newIvrMenu(d)));
          editor.focusLater(['ivrMenus', menus.length, 'id']);
        }}
      >
        {t('dialplan.ivr.addMenu')}
      </button>
    </div>
  );
}
