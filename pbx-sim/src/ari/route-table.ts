import type { AriCore } from './ari-core.js';
import type { AriPlaybacks } from './ari-playbacks.js';

/** One Swagger 1.2 parameter, as the api-docs print it. */
export interface ParamSpec {
  name: string;
  description: string;
  paramType: 'query' | 'path' | 'body';
  required: boolean;
  allowMultiple: boolean;
  dataType: string;
  defaultValue?: string | number | boolean;
  allowableValues?: { valueType: 'LIST'; values: string[] };
}

/** A documented error status of an operation. */
export interface ErrorSpec {
  code: number;
  reason: string;
}

/** What a handler answers: a JSON body (200/201) or no content (204). */
export type AriReply = { status: 200; body: unknown } | { status: 201; body: unknown; location: string } | { status: 204 };

/** A failed request: the status and the `message` Asterisk puts in `{"message": ...}`. */
export class AriError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AriError';
  }
}

/** What a handler gets: typed access to its declared parameters and to the ARI state. */
export interface AriRequest {
  core: AriCore;
  playbacks: AriPlaybacks;
  /** A single-valued parameter (path, query, form or JSON body key). */
  str(name: string): string | undefined;
  /** An allowMultiple parameter: repeated keys and comma-separated values. */
  list(name: string): string[];
  /** int/long parameters parse like atoi; absent gives `fallback`. */
  int(name: string, fallback: number): number;
  /** boolean parameters parse like ast_true. */
  bool(name: string, fallback: boolean): boolean;
  /** The JSON body's `variables` object, if any. */
  variables(): Record<string, unknown> | undefined;
}

/** One served operation: its Swagger description and its implementation. */
export interface RouteSpec {
  resource: string;
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  nickname: string;
  summary: string;
  responseClass: string;
  parameters: ParamSpec[];
  errorResponses: ErrorSpec[];
  /** WebSocket routes are answered by the upgrade handler, not here. */
  upgrade?: 'websocket';
  handler?: (req: AriRequest) => AriReply | Promise<AriReply>;
}

type ParamOpts = Partial<Pick<ParamSpec, 'required' | 'allowMultiple' | 'defaultValue' | 'allowableValues'>>;

/** A query parameter (optional unless said otherwise). */
export function query(name: string, dataType: string, description: string, o: ParamOpts = {}): ParamSpec {
  return { name, description, paramType: 'query', required: o.required ?? false, allowMultiple: o.allowMultiple ?? false, dataType, ...pick(o) };
}

export function pathParam(name: string, description: string): ParamSpec {
  return { name, description, paramType: 'path', required: true, allowMultiple: false, dataType: 'string' };
}

/** The JSON body parameter carrying `variables` (Asterisk's `containers` type). */
export function bodyParam(name: string, description: string, required = false): ParamSpec {
  return { name, description, paramType: 'body', required, allowMultiple: false, dataType: 'containers' };
}

function pick(o: ParamOpts): Partial<ParamSpec> {
  const r: Partial<ParamSpec> = {};
  if (o.defaultValue !== undefined) r.defaultValue = o.defaultValue;
  if (o.allowableValues) r.allowableValues = o.allowableValues;
  return r;
}

export const ok = (body: unknown): AriReply => ({ status: 200, body });
export const noContent = (): AriReply => ({ status: 204 });
