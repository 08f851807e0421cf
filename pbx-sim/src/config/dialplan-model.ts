/** One priority line of an extension. */
export interface DialplanStep {
  priority: number;
  label?: string;
  app: string;
  appData: string;
  file: string;
  line: number;
}

/** One extension (literal like 5000 or pattern like _X.) of a context. */
export interface DialplanExtension {
  name: string;
  isPattern: boolean;
  steps: Map<number, DialplanStep>;
  hint?: string;
}

/** A dial-plan context: its extensions in definition order and its includes. */
export interface DialplanContext {
  name: string;
  extensions: DialplanExtension[];
  includes: string[];
  file: string;
  line: number;
}

/** The whole dial plan plus the [globals] it declares. */
export interface Dialplan {
  contexts: Map<string, DialplanContext>;
  globals: Map<string, string>;
}
