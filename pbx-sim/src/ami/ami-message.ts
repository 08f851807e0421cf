/** One AMI header line, order preserved (Asterisk repeats keys such as Variable and Output). */
export type AmiField = readonly [name: string, value: string];

/** A parsed inbound AMI request: headers in arrival order, looked up case-insensitively. */
export class AmiRequest {
  constructor(readonly fields: AmiField[]) {}

  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [k, v] of this.fields) if (k.toLowerCase() === lower) return v;
    return undefined;
  }

  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.fields.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
  }

  /** Asterisk's ast_true: yes/true/y/t/1/on. */
  flag(name: string): boolean {
    const v = this.get(name);
    return v !== undefined && /^(yes|true|y|t|1|on)$/i.test(v.trim());
  }

  get action(): string {
    return (this.get('Action') ?? '').trim();
  }

  get actionId(): string | undefined {
    return this.get('ActionID');
  }
}

/** An outbound message (response or event) as an ordered field list. */
export interface AmiOutbound {
  fields: AmiField[];
}
