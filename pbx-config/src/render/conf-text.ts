import { RingsideError } from '@ringside/shared';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Joins rendered lines into a file, refusing any line that carries a control character. */
export function toFile(lines: string[]): string {
  for (const [i, line] of lines.entries()) {
    // The model's charsets make this impossible; a hit means a renderer bug, so fail loudly.
    if (CONTROL.test(line)) throw new RingsideError('INTERNAL', `renderer produced a control character on line ${i + 1}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The first lines of every rendered file; `title` names what it was rendered from (SwitchPlan.title). */
export function header(title: string, what: string): string[] {
  return [`; ${what}`, `; Rendered by Ringside pbx-config from ${title}. Do not edit: every apply overwrites it.`];
}

/** Lines of one dial-plan extension: the first step at priority 1, the rest as `same => n`. */
export function extenLines(exten: string, steps: string[], labels: Record<number, string> = {}): string[] {
  return steps.map((step, i) => {
    const label = labels[i] ? `(${labels[i]})` : '';
    return i === 0 ? `exten => ${exten},1${label},${step}` : ` same => n${label},${step}`;
  });
}
