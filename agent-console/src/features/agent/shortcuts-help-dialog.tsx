import { t } from '../../i18n/t.js';
import { ModalDialog } from '../../layout/modal-dialog.js';
import { SHORTCUTS } from './shortcuts.js';

/** The list of keyboard shortcuts, opened with `?`. */
export function ShortcutsHelpDialog({ onClose }: { onClose(): void }) {
  return (
    <ModalDialog title={t('shortcuts.title')} onClose={onClose}>
      <p>{t('shortcuts.intro')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd>{s.keysLabel}</kbd>
              </td>
              <td>{t(s.descriptionKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
