import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { CORE_SOUNDS } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { fieldId, getIn, numberFromInput, removeIn, wordsOf, type IssueView, type Path } from './dial-plan-model.js';
import { useDraft } from './draft-context.js';
import { issueText } from './issue-text.js';

/** Id of the element listing a control's problems. */
export const issuesIdFor = (id: string) => `${id}-issues`;

/** The problems of one control; the ⚠ and the words keep them readable without colour. */
export function IssueList({ id, issues }: { id: string; issues: IssueView[] }) {
  if (issues.length === 0) return null;
  return (
    <div id={issuesIdFor(id)} className="field-issues">
      {issues.map((issue, i) => (
        <p key={`${issue.code}-${i}`} className="error-text">
          <span aria-hidden="true">⚠ </span>
          {issueText(issue)}
        </p>
      ))}
    </div>
  );
}

/** aria attributes tying a control to its hint and problems. */
export function describedBy(id: string, issues: IssueView[], hintId?: string) {
  const ids = [hintId, issues.length ? issuesIdFor(id) : undefined].filter(Boolean).join(' ');
  return { ...(issues.length ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
}

interface FieldFrameProps {
  id: string;
  label: string;
  /** Read by screen readers after the visible label, to tell repeated rows apart. */
  context?: string | undefined;
  hint?: string | undefined;
  issues: IssueView[];
  className?: string;
  children: ReactNode;
}

/** Label, control, hint and problems of one field. */
export function FieldFrame({ id, label, context, hint, issues, className, children }: FieldFrameProps) {
  return (
    <div className={`field ${issues.length ? 'field--invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {context && <span className="visually-hidden"> {context}</span>}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <IssueList id={id} issues={issues} />
    </div>
  );
}

interface BoundProps {
  path: Path;
  label: string;
  context?: string | undefined;
  hint?: string | undefined;
  /** Also show problems reported below this path (list items of a list field). */
  deep?: boolean;
  className?: string;
}

function useBound(path: Path, deep = false) {
  const editor = useDraft();
  return { editor, id: fieldId(path), issues: editor.issuesAt(path, deep), value: getIn(editor.draft, path) };
}

/** A text input bound to a draft path; `optional` removes the field when cleared. */
export function TextField({ path, label, context, hint, deep, className, optional, input }: BoundProps & { optional?: boolean; input?: InputHTMLAttributes<HTMLInputElement> }) {
  const { editor, id, issues, value } = useBound(path, deep);
  return (
    <FieldFrame id={id} label={label} context={context} hint={hint} issues={issues} className={className}>
      <input
        id={id}
        value={value === undefined || value === null ? '' : String(value)}
        autoComplete="off"
        onChange={(e) => editor.set(path, optional && e.target.value === '' ? undefined : e.target.value)}
        {...input}
        {...describedBy(id, issues, hint ? `${id}-hint` : undefined)}
      />
    </FieldFrame>
  );
}

/** A whole-number input; what is not a whole number stays text so the schema names the problem. */
export function NumberField({ path, label, context, hint, className, min, max }: BoundProps & { min?: number; max?: number }) {
  const { editor, id, issues, value } = useBound(path);
  return (
    <FieldFrame id={id} label={label} context={context} hint={hint} issues={issues} className={className}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        min={min}
        max={max}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(e) => editor.set(path, numberFromInput(e.target.value))}
        {...describedBy(id, issues, hint ? `${id}-hint` : undefined)}
      />
    </FieldFrame>
  );
}

/** A checkbox bound to a boolean. */
export function CheckboxField({ path, label, context, className, fallback = false }: BoundProps & { fallback?: boolean }) {
  const { editor, id, issues, value } = useBound(path);
  // A draft stored without defaults leaves optional flags out; show what the switch would do.
  const checked = value === undefined ? fallback : value === true;
  return (
    <div className={`field field--check ${className ?? ''}`}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => editor.set(path, e.target.checked)} {...describedBy(id, issues)} /> {label}
        {context && <span className="visually-hidden"> {context}</span>}
      </label>
      <IssueList id={id} issues={issues} />
    </div>
  );
}

/** A choice shown in a select. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * A select bound to a path. A value that is not among the choices (a deleted queue, say) is kept
 * and shown as missing, so the problem stays visible instead of silently changing the draft.
 */
export function SelectField({ path, label, context, hint, className, choices, onSelect }: BoundProps & { choices: Choice[]; onSelect?(value: string): void }) {
  const { editor, id, issues, value } = useBound(path);
  const current = value === undefined || value === null ? '' : String(value);
  const known = choices.some((c) => c.value === current);
  const all = known ? choices : [{ value: current, label: current === '' ? t('dialplan.choose') : t('dialplan.missingChoice', { name: current }) }, ...choices];
  return (
    <FieldFrame id={id} label={label} context={context} hint={hint} issues={issues} className={className}>
      <select
        id={id}
        value={current}
        onChange={(e) => (onSelect ? onSelect(e.target.value) : editor.set(path, e.target.value))}
        {...describedBy(id, issues, hint ? `${id}-hint` : undefined)}
      >
        {all.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A list of words typed in one input (sound files, Stasis arguments). The text is kept as typed
 * while the draft gets the words, so a trailing space does not vanish mid-typing.
 */
export function WordsField({ path, label, context, hint, className }: BoundProps) {
  const { editor, id, issues, value } = useBound(path, true);
  const words = Array.isArray(value) ? value.map(String) : [];
  const [text, setText] = useState(words.join(' '));
  const joined = words.join(' ');
  useEffect(() => {
    setText((current) => (wordsOf(current).join(' ') === joined ? current : joined));
  }, [joined]);
  return (
    <FieldFrame id={id} label={label} context={context} hint={hint ?? t('dialplan.wordsHint')} issues={issues} className={className}>
      <input
        id={id}
        value={text}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          editor.set(path, wordsOf(e.target.value));
        }}
        {...describedBy(id, issues, `${id}-hint`)}
      />
    </FieldFrame>
  );
}

/**
 * The sounds of a prompt, picked from what the switch has (the core catalogue and the uploads the
 * plan declares in system.customSounds), never typed: a path cannot be entered. A sound already in
 * a draft that the switch lacks is still listed, flagged by its UNKNOWN_SOUND issue, and removable.
 */
export function SoundsField({ path, label, context, hint, className }: BoundProps) {
  const { editor, id, issues, value } = useBound(path, true);
  const files = Array.isArray(value) ? value.map(String) : [];
  const custom = getIn(editor.draft, ['system', 'customSounds']);
  const options = [...(Array.isArray(custom) ? custom.map(String) : []), ...CORE_SOUNDS];
  const [choice, setChoice] = useState(options[0] ?? '');
  return (
    <FieldFrame id={id} label={t('dialplan.prompt.pick')} context={context ? `${label}, ${context}` : label} hint={hint} issues={issues} className={className}>
      {files.length === 0 ? (
        <p className="hint">{t('dialplan.prompt.noneChosen')}</p>
      ) : (
        <ol className="sound-list" aria-label={context ? `${label}, ${context}` : label}>
          {files.map((file, i) => (
            <li key={`${i}-${file}`}>
              <code>{file}</code>{' '}
              <button type="button" className="button button--quiet" onClick={() => editor.set(path, files.filter((_, k) => k !== i))}>
                {t('dialplan.prompt.remove', { sound: file })}
              </button>
            </li>
          ))}
        </ol>
      )}
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)} {...describedBy(id, issues, hint ? `${id}-hint` : undefined)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>{' '}
      <button type="button" className="button" onClick={() => choice && editor.set(path, [...files, choice])}>
        {t('dialplan.prompt.add')}
      </button>
    </FieldFrame>
  );
}

/** Removes item `index` of the list at `list` and moves focus to `focusAfter` (the list's add button), so keyboard users are not dropped. */
export function RemoveButton({ list, index, focusAfter, label }: { list: Path; index: number; focusAfter: Path; label: string }) {
  const editor = useDraft();
  return (
    <button
      type="button"
      className="button button--quiet"
      onClick={() => {
        editor.change((d) => removeIn(d, list, index));
        editor.focusLater(focusAfter);
      }}
    >
      {label}
    </button>
  );
}
