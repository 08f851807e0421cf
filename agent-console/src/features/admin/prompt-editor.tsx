import { t } from '../../i18n/t.js';
import { getIn, type Path } from './dial-plan-model.js';
import { useDraft } from './draft-context.js';
import { SelectField, SoundsField, TextField } from './fields.js';

/** What callers hear: sound files or text-to-speech; `optional` prompts may be switched off. */
export function PromptEditor({ path, label, context, optional = false }: { path: Path; label: string; context?: string; optional?: boolean }) {
  const editor = useDraft();
  const prompt = getIn(editor.draft, path) as { type?: string } | undefined;
  const type = prompt?.type ?? 'none';
  const ctx = context ? `${label}, ${context}` : label;
  const choices = [
    ...(optional ? [{ value: 'none', label: t('dialplan.prompt.none') }] : []),
    { value: 'sound', label: t('dialplan.prompt.sound') },
    { value: 'tts', label: t('dialplan.prompt.tts') },
  ];
  return (
    <div className="prompt-editor">
      <SelectField
        path={[...path, 'type']}
        label={label}
        context={context}
        choices={choices}
        onSelect={(value) =>
          editor.set(path, value === 'none' ? undefined : value === 'sound' ? { type: 'sound', files: [] } : { type: 'tts', text: '' })
        }
      />
      {type === 'sound' && <SoundsField path={[...path, 'files']} label={t('dialplan.prompt.files')} context={ctx} hint={t('dialplan.prompt.filesHint')} />}
      {type === 'tts' && <TextField path={[...path, 'text']} label={t('dialplan.prompt.text')} context={ctx} />}
    </div>
  );
}
