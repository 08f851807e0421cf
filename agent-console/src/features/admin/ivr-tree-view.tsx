import { useId } from 'react';
import type { DialPlanInput } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { destinationText, isMissingTarget } from './destination-text.js';
import { buildIvrTree, type IvrBranch, type IvrNode } from './ivr-tree.js';

function branchLabel(b: IvrBranch): string {
  if (b.kind === 'option') return t('dialplan.tree.key', { digit: b.digit || '?' });
  return t(b.kind === 'invalid' ? 'dialplan.tree.invalid' : 'dialplan.tree.timeout', { attempts: b.attempts });
}

function Branches({ node, draft }: { node: IvrNode; draft: DialPlanInput }) {
  return (
    <ul className="tree__branches">
      {node.branches.map((b, i) => {
        const missing = b.destination ? isMissingTarget(b.destination, draft) : true;
        return (
          <li key={`${b.kind}-${i}`} className={`tree__branch tree__branch--${b.kind}`}>
            <span className="tree__key">{branchLabel(b)}</span>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden"> {t('dialplan.tree.goesTo')} </span>
            <span className="tree__dest">{destinationText(b.destination, draft)}</span>
            {b.loopsTo !== null && (
              <span className="badge badge--warn tree__loop">
                <span aria-hidden="true">↻ </span>
                {t('dialplan.tree.loop', { id: b.loopsTo })}
              </span>
            )}
            {missing && (
              <span className="badge badge--warn">
                <span aria-hidden="true">⚠ </span>
                {t('dialplan.tree.missing')}
              </span>
            )}
            {b.child && (
              <>
                {b.child.truncated ? <p className="hint">{t('dialplan.tree.truncated')}</p> : <Branches node={b.child} draft={draft} />}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The call flow of one menu as a nested list: key → destination, submenus expanded, loops marked. */
export function IvrTreeView({ draft, menuId, menuName }: { draft: DialPlanInput; menuId: string; menuName: string }) {
  const id = useId();
  const tree = buildIvrTree(draft, menuId);
  return (
    <figure className="ivr-tree" aria-labelledby={id}>
      <figcaption id={id}>{t('dialplan.tree.caption', { name: menuName || menuId })}</figcaption>
      {tree ? <Branches node={tree} draft={draft} /> : <p>{t('dialplan.tree.none')}</p>}
    </figure>
  );
}
