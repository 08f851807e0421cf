import type { DialPlanInput } from '@ringside/shared';
import type { DestinationInput } from './dial-plan-factories.js';

/** One way out of a menu: a key, a wrong key, or silence. */
export interface IvrBranch {
  kind: 'option' | 'invalid' | 'timeout';
  /** The key, for options. */
  digit: string;
  /** How many tries before the caller is sent on, for wrong keys and silence. */
  attempts: number;
  destination: DestinationInput | undefined;
  /** The menu this branch opens, drawn below it; null when it opens none or would repeat. */
  child: IvrNode | null;
  /** The branch returns to a menu already on the way here: a loop. */
  loopsTo: string | null;
}

/** A menu and its branches, nested menus expanded. */
export interface IvrNode {
  id: string;
  name: string;
  branches: IvrBranch[];
  /** The tree stopped here to stay readable. */
  truncated: boolean;
}

type Menu = NonNullable<DialPlanInput['ivrMenus']>[number];

/**
 * The call flow from one menu: each option with where it leads, nested menus expanded below
 * their key, and a branch back to a menu already on the way marked as a loop instead of expanded.
 * The draft may be mid-edit and schema-invalid, so every field is read defensively.
 */
export function buildIvrTree(draft: DialPlanInput, menuId: string, maxDepth = 8): IvrNode | null {
  const menus = new Map<string, Menu>((draft.ivrMenus ?? []).map((m) => [m.id, m]));
  function node(menu: Menu, ancestors: string[]): IvrNode {
    const path = [...ancestors, menu.id];
    const truncated = path.length > maxDepth;
    const branch = (kind: IvrBranch['kind'], digit: string, attempts: number, destination: DestinationInput | undefined): IvrBranch => {
      const target = destination?.type === 'ivr' ? destination.menu : null;
      const loopsTo = target !== null && path.includes(target) ? target : null;
      const next = target !== null && loopsTo === null && !truncated ? menus.get(target) : undefined;
      return { kind, digit, attempts, destination, child: next ? node(next, path) : null, loopsTo };
    };
    const options = Array.isArray(menu.options) ? menu.options : [];
    return {
      id: menu.id,
      name: menu.name,
      truncated,
      branches: [
        ...options.map((o) => branch('option', String(o?.digit ?? ''), 0, o?.destination)),
        branch('invalid', '', Number(menu.invalid?.attempts ?? 3), menu.invalid?.destination),
        branch('timeout', '', Number(menu.timeout?.attempts ?? 3), menu.timeout?.destination),
      ],
    };
  }
  const root = menus.get(menuId);
  return root ? node(root, []) : null;
}
