import { demoDialPlanInput, type DialPlanInput, type DialPlanVersion, type RenderedFileDiff } from '@ringside/shared';
import { installFakeFetch, type FakeReply, type SeenRequest } from '../../test-support/fake-fetch.js';

/** Two published versions: 2 is live, 1 failed to apply. */
export const VERSIONS: DialPlanVersion[] = [
  { number: 2, author: 'root', comment: 'Sales queue', createdAt: '2025-03-02T10:00:00.000Z', applyStatus: 'applied', applyError: null, live: true },
  { number: 1, author: 'root', comment: 'First plan', createdAt: '2025-03-01T10:00:00.000Z', applyStatus: 'failed', applyError: 'PBX_TIMEOUT', live: false },
];

interface Options {
  draft?: DialPlanInput;
  files?: RenderedFileDiff[];
  versions?: DialPlanVersion[];
  /** Overrides the reply to POST /api/dialplan/publish. */
  publish?: FakeReply;
}

/**
 * A scripted dial-plan API over the global fetch, as the server contract describes it: the draft
 * round-trips through PUT, publish and rollback append versions. Returns the request log.
 */
export function installDialPlanServer(options: Options = {}): SeenRequest[] {
  let draft = JSON.parse(JSON.stringify(options.draft ?? demoDialPlanInput)) as DialPlanInput;
  let versions = [...(options.versions ?? VERSIONS)];
  const draftReply = () => ({ status: 200, body: { draft, basedOnVersion: versions[0]?.number ?? null, updatedAt: '2025-03-03T09:00:00.000Z', updatedBy: 'root', issues: [] } });
  const release = (comment: string): FakeReply => {
    const version: DialPlanVersion = {
      number: (versions[0]?.number ?? 0) + 1,
      author: 'root',
      comment,
      createdAt: '2025-03-04T09:00:00.000Z',
      applyStatus: 'applied',
      applyError: null,
      live: true,
    };
    versions = [version, ...versions.map((v) => ({ ...v, live: false }))];
    return { status: 201, body: { version } };
  };
  return installFakeFetch((req) => {
    const body = req.body as { plan?: DialPlanInput; comment?: string } | undefined;
    if (req.path === '/api/dialplan/draft' && req.method === 'GET') return draftReply();
    if (req.path === '/api/dialplan/draft' && req.method === 'PUT') {
      draft = body?.plan as DialPlanInput;
      return draftReply();
    }
    if (req.path === '/api/dialplan/diff') return { status: 200, body: { files: options.files ?? [] } };
    if (req.path === '/api/dialplan/versions' && req.method === 'GET') return { status: 200, body: { items: versions } };
    if (req.path === '/api/dialplan/publish' && req.method === 'POST') return options.publish ?? release(body?.comment ?? '');
    if (/^\/api\/dialplan\/versions\/\d+\/rollback$/.test(req.path) && req.method === 'POST') return release(body?.comment ?? '');
    return undefined;
  });
}
