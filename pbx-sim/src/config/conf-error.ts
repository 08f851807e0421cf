import { RingsideError } from '@ringside/shared';

/** A configuration problem Asterisk would reject, located at file:line. */
export class ConfigError extends RingsideError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super('CONFIG_INVALID', `${file}:${line}: ${reason}`);
    this.name = 'RingsideError';
  }
}
