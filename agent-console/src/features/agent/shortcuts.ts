import { useEffect, useRef } from 'react';
import type { PlainMessageKey } from '../../i18n/t.js';
import { isModalOpen } from '../../layout/modal-dialog.js';

/** The agent's frequent actions. */
export type ShortcutAction = 'hangUp' | 'hold' | 'transfer' | 'ready' | 'mute' | 'help';

/** One shortcut: `code` is the physical key (KeyboardEvent.code), so Alt+letter works on every layout and OS. */
export interface Shortcut {
  action: ShortcutAction;
  alt: boolean;
  code: string | null;
  /** For `?`, whose physical key differs between layouts. */
  key: string | null;
  keysLabel: string;
  descriptionKey: PlainMessageKey;
}

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'hangUp', alt: true, code: 'KeyH', key: null, keysLabel: 'Alt+H', descriptionKey: 'shortcuts.hangUp' },
  { action: 'hold', alt: true, code: 'KeyO', key: null, keysLabel: 'Alt+O', descriptionKey: 'shortcuts.hold' },
  { action: 'transfer', alt: true, code: 'KeyT', key: null, keysLabel: 'Alt+T', descriptionKey: 'shortcuts.transfer' },
  { action: 'ready', alt: true, code: 'KeyR', key: null, keysLabel: 'Alt+R', descriptionKey: 'shortcuts.ready' },
  { action: 'mute', alt: true, code: 'KeyM', key: null, keysLabel: 'Alt+M', descriptionKey: 'shortcuts.mute' },
  { action: 'help', alt: false, code: null, key: '?', keysLabel: '?', descriptionKey: 'shortcuts.help' },
];

/** True when the event comes from somewhere the user types, where a letter must stay a letter. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return false;
}

/** The shortcut a key press means, if any. */
export function shortcutFor(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code' | 'key' | 'target'>): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || isTypingTarget(event.target)) return null;
  for (const s of SHORTCUTS) {
    if (s.alt !== event.altKey) continue;
    if ((s.code && s.code === event.code) || (s.key && s.key === event.key)) return s.action;
  }
  return null;
}

/** Listens on the window while the agent page is open; quiet while typing or while a dialog is open. */
export function useShortcuts(handle: (action: ShortcutAction) => void): void {
  const ref = useRef(handle);
  ref.current = handle;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || isModalOpen()) return;
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      ref.current(action);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
