import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { confIncludes, runAsteriskEntrypoint } from './asterisk-conf.js';
import { copyInstructions, dockerignorePatterns, excludedByDockerignore } from './dockerfile.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const composePath = path.join(repoRoot, 'docker-compose.yml');
const composeText = readFileSync(composePath, 'utf8');
const envExamplePath = path.join(repoRoot, '.env.example');
const asteriskDir = path.join(repoRoot, 'pbx-config/asterisk');

type Service = Record<string, unknown>;
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}
const compose = parse(composeText) as ComposeFile;
const services = Object.entries(compose.services ?? {});

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** A service's build as { context, dockerfile } with both resolved against the repo. */
function buildOf(service: Service): { context: string; dockerfile: string } | null {
  if (service['build'] === undefined) return null;
  const build = typeof service['build'] === 'string' ? { context: service['build'] } : asRecord(service['build']);
  const context = path.resolve(repoRoot, String(build['context'] ?? '.'));
  return { context, dockerfile: path.resolve(context, String(build['dockerfile'] ?? 'Dockerfile')) };
}

/** Environment entries of a service, whether written as a map or as KEY=value lines. */
function environmentOf(service: Service): [string, string][] {
  const env = service['environment'];
  if (Array.isArray(env)) {
    return env.map((line) => {
      const [key = '', ...value] = String(line).split('=');
      return [key, value.join('=')];
    });
  }
  return Object.entries(asRecord(env)).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]);
}

/** Host paths of bind mounts (short `./src:/dst[:ro]` or long `type: bind`). */
function bindSources(service: Service): string[] {
  const volumes = Array.isArray(service['volumes']) ? (service['volumes'] as unknown[]) : [];
  return volumes.flatMap((v) => {
    if (typeof v === 'string') {
      const source = v.split(':')[0] ?? '';
      return /^[./~]/.test(source) ? [source] : [];
    }
    const long = asRecord(v);
    return long['type'] === 'bind' ? [String(long['source'])] : [];
  });
}

interface Mount {
  type: 'bind' | 'volume' | 'other';
  source: string;
  target: string;
  readOnly: boolean;
  nocopy: boolean;
}

/** A service's mounts, short (`src:/dst[:ro]`) and long syntax alike. */
function mountsOf(service: Service): Mount[] {
  const volumes = Array.isArray(service['volumes']) ? (service['volumes'] as unknown[]) : [];
  return volumes.map((v) => {
    if (typeof v === 'string') {
      const [source = '', target = '', mode = ''] = v.split(':');
      const options = mode.split(',');
      return { type: /^[./~]/.test(source) ? 'bind' : 'volume', source, target, readOnly: options.includes('ro'), nocopy: options.includes('nocopy') };
    }
    const long = asRecord(v);
    const type = long['type'] === 'bind' || long['type'] === 'volume' ? long['type'] : 'other';
    return { type, source: String(long['source'] ?? ''), target: String(long['target'] ?? ''), readOnly: long['read_only'] === true, nocopy: asRecord(long['volume'])['nocopy'] === true };
  });
}

interface PublishedPort {
  spec: string;
  protocol: string;
  host: number[];
  container: number[];
}

const range = (start: number, end: number) => Array.from({ length: end - start + 1 }, (_, i) => start + i);

/** Parses one `ports:` entry; throws with the entry in the message when it is malformed. */
function parsePort(entry: unknown): PublishedPort {
  if (entry && typeof entry === 'object') {
    const long = asRecord(entry);
    const target = Number(long['target']);
    const published = long['published'] === undefined ? [] : String(long['published']).split('-').map(Number);
    return {
      spec: JSON.stringify(entry),
      protocol: String(long['protocol'] ?? 'tcp'),
      host: published.length === 2 ? range(published[0]!, published[1]!) : published,
      container: [target],
    };
  }
  const spec = String(entry);
  const m = /^(?:(?:\[[0-9a-fA-F:]+\]|\d{1,3}(?:\.\d{1,3}){3}):)?(?:(\d+)(?:-(\d+))?:)?(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(spec);
  if (!m) throw new Error(`port entry "${spec}" is not [ip:]host[-end]:container[-end][/protocol]`);
  const [, hostStart, hostEnd, containerStart, containerEnd, protocol] = m;
  const host = hostStart ? range(Number(hostStart), Number(hostEnd ?? hostStart)) : [];
  const container = range(Number(containerStart), Number(containerEnd ?? containerStart));
  return { spec, protocol: protocol ?? 'tcp', host, container };
}

/** Every string value of the parsed file (comments are gone, so only real values count). */
function stringValues(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringValues);
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringValues);
  return [];
}

/** Variables interpolated anywhere in the compose file (`$$` is a literal dollar). */
function interpolatedVariables(file: unknown): string[] {
  const names = stringValues(file).flatMap((value) =>
    [...value.replace(/\$\$/g, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? m[2] ?? ''),
  );
  return [...new Set(names)].sort();
}

const SECRET_NAME = /PASSWORD|SECRET|KEY|TOKEN/i;
// The whole value is one interpolation with no literal default (`${X}`, `${X:?msg}`, `${X:-}`).
const PURE_INTERPOLATION = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?\?[^}]*)|:?-)?\}$/;

describe('docker-compose.yml', () => {
  it('defines the asterisk, postgres, redis and ringside services', () => {
    expect(Object.keys(compose.services ?? {}).sort()).toEqual(['asterisk', 'postgres', 'redis', 'ringside']);
  });

  it.each(services)('service %s names an image or a build whose Dockerfile exists', (_name, service) => {
    const build = buildOf(service);
    if (build) {
      expect(existsSync(build.dockerfile)).toBe(true);
    } else {
      expect(typeof service['image']).toBe('string');
      expect(String(service['image'])).toMatch(/^[a-z0-9./_-]+:[A-Za-z0-9._-]+$/);
    }
  });

  it.each(services)('service %s has a healthcheck that runs a command', (_name, service) => {
    const healthcheck = asRecord(service['healthcheck']);
    expect(healthcheck['disable']).not.toBe(true);
    const test = healthcheck['test'];
    expect(Array.isArray(test) ? test.length : String(test ?? '').length).toBeGreaterThan(1);
  });

  it.each(services)('service %s bind-mounts only paths that exist in the repo', (_name, service) => {
    for (const source of bindSources(service)) {
      const resolved = path.resolve(repoRoot, source);
      expect({ source, insideRepo: resolved.startsWith(repoRoot) }).toEqual({ source, insideRepo: true });
      expect({ source, exists: existsSync(resolved) }).toEqual({ source, exists: true });
    }
  });

  it.each(services)('service %s mounts only named volumes that are declared', (_name, service) => {
    for (const mount of mountsOf(service).filter((m) => m.type === 'volume')) expect(Object.keys(compose.volumes ?? {})).toContain(mount.source);
  });

  it.each(services)('service %s depends only on services that exist, and waits for them to be healthy', (name, service) => {
    const dependsOn = service['depends_on'];
    const entries: [string, unknown][] = Array.isArray(dependsOn) ? dependsOn.map((d) => [String(d), {}]) : Object.entries(asRecord(dependsOn));
    for (const [dependency, condition] of entries) {
      expect(Object.keys(compose.services)).toContain(dependency);
      expect(dependency).not.toBe(name);
      expect(asRecord(condition)['condition']).toBe('service_healthy');
    }
  });

  it('publishes valid port numbers and never the same host port twice', () => {
    const seen = new Map<string, string>();
    for (const [name, service] of services) {
      const ports = Array.isArray(service['ports']) ? (service['ports'] as unknown[]) : [];
      for (const entry of ports) {
        const port = parsePort(entry);
        for (const p of [...port.host, ...port.container]) expect({ spec: port.spec, p, valid: Number.isInteger(p) && p >= 1 && p <= 65535 }).toEqual({ spec: port.spec, p, valid: true });
        if (port.host.length > 0) expect({ spec: port.spec, sameWidth: port.host.length === port.container.length }).toEqual({ spec: port.spec, sameWidth: true });
        for (const p of port.host) {
          const key = `${p}/${port.protocol}`;
          expect({ key, alsoUsedBy: seen.get(key) }).toEqual({ key, alsoUsedBy: undefined });
          seen.set(key, `${name} ${port.spec}`);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('never writes a secret literally: secret-named variables and URL passwords are interpolated', () => {
    const offenders: string[] = [];
    for (const [name, service] of services) {
      for (const [key, value] of environmentOf(service)) {
        if (SECRET_NAME.test(key) && !PURE_INTERPOLATION.test(value)) offenders.push(`${name}: ${key}=${value}`);
        const credentials = /:\/\/[^/:@\s]+:([^@\s]+)@/.exec(value);
        if (credentials?.[1] && !PURE_INTERPOLATION.test(credentials[1])) offenders.push(`${name}: ${key} has a literal password`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('takes the environment of the ringside service from .env', () => {
    const ringside = compose.services['ringside'] ?? {};
    const envFiles = [ringside['env_file']].flat().map((f) => (typeof f === 'string' ? f : String(asRecord(f)['path'])));
    expect(envFiles).toContain('.env');
  });

  const envExampleExists = existsSync(envExamplePath);
  if (!envExampleExists) {
    console.warn('compose-file.test: .env.example does not exist yet, so the check that it lists every ${VAR} of docker-compose.yml is skipped');
  }
  (envExampleExists ? it : it.skip)('lists every variable it interpolates in .env.example', () => {
    const example = readFileSync(envExamplePath, 'utf8');
    const documented = new Set([...example.matchAll(/^\s*#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));
    const missing = interpolatedVariables(compose).filter((v) => !documented.has(v));
    expect(missing).toEqual([]);
  });

  it('finds the variables it interpolates (the check above is not vacuous)', () => {
    expect(interpolatedVariables(compose)).toEqual(expect.arrayContaining(['AMI_SECRET', 'ARI_PASSWORD', 'POSTGRES_PASSWORD', 'SESSION_SECRET']));
  });

  it('keeps the published RTP range equal to rtp.conf', () => {
    const rtp = readFileSync(path.join(asteriskDir, 'rtp.conf'), 'utf8');
    const start = Number(/^rtpstart\s*=\s*(\d+)/m.exec(rtp)?.[1]);
    const end = Number(/^rtpend\s*=\s*(\d+)/m.exec(rtp)?.[1]);
    const udpRanges = ((compose.services['asterisk']?.['ports'] as unknown[]) ?? []).map(parsePort).filter((p) => p.protocol === 'udp' && p.host.length > 1);
    expect(udpRanges.map((p) => [p.host[0], p.host.at(-1)])).toEqual([[start, end]]);
  });
});

describe('docker-compose.yml: published dial plans reach Asterisk', () => {
  const asterisk = compose.services['asterisk'] ?? {};
  const ringside = compose.services['ringside'] ?? {};
  const ringsideEnv = Object.fromEntries(environmentOf(ringside));
  const etcAsterisk = mountsOf(asterisk).find((m) => m.target === '/etc/asterisk');
  const dependsOn = (service: Service) => Object.keys(Array.isArray(service['depends_on']) ? Object.fromEntries((service['depends_on'] as string[]).map((d) => [d, {}])) : asRecord(service['depends_on']));

  it("mounts Asterisk's /etc/asterisk from a named volume, read-only, without copying the image's stock config into it", () => {
    expect(etcAsterisk).toMatchObject({ type: 'volume', readOnly: true, nocopy: true });
    expect(Object.keys(compose.volumes ?? {})).toContain(etcAsterisk?.source);
  });

  it('has the ringside service write that same volume at its PBX_CONFIG_DIR, in asterisk mode', () => {
    expect(ringsideEnv['PBX_MODE']).toBe('asterisk');
    const configDir = ringsideEnv['PBX_CONFIG_DIR'];
    expect(configDir).toMatch(/^\//);
    const shared = mountsOf(ringside).find((m) => m.target === configDir);
    expect(shared).toMatchObject({ type: 'volume', source: etcAsterisk?.source, readOnly: false });
    // Nothing but the switch config may land in the folder Asterisk reads.
    expect(path.posix.relative(configDir!, ringsideEnv['DATA_DIR'] ?? '/app/data')).toMatch(/^\.\./);
  });

  it('gives the server the committed base config it seeds the volume from', () => {
    const base = mountsOf(ringside).find((m) => m.target === ringsideEnv['PBX_BASE_CONFIG_DIR']);
    expect(base).toMatchObject({ type: 'bind', readOnly: true });
    expect(path.resolve(repoRoot, base!.source)).toBe(asteriskDir);
  });

  it('starts Asterisk only after the server is healthy (the folder is seeded), and the server never waits for Asterisk', () => {
    expect(asRecord(asRecord(asterisk['depends_on'])['ringside'])['condition']).toBe('service_healthy');
    expect(dependsOn(ringside)).not.toContain('asterisk');
  });

  it('has no dependency cycle, so `docker compose up` can order the services', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycle = (name: string): boolean => {
      if (done.has(name)) return false;
      if (visiting.has(name)) return true;
      visiting.add(name);
      const found = dependsOn(compose.services[name] ?? {}).some(cycle);
      visiting.delete(name);
      done.add(name);
      return found;
    };
    expect(Object.keys(compose.services).filter(cycle)).toEqual([]);
  });

  it('takes the secrets the renderer resolves from .env, never from the file', () => {
    expect(ringsideEnv['PBX_SECRETS']).toMatch(PURE_INTERPOLATION);
  });
});

describe('the Dockerfiles docker-compose.yml builds', () => {
  const builds = services.flatMap(([name, service]) => {
    const build = buildOf(service);
    return build ? [[name, build] as const] : [];
  });

  it('builds at least the ringside server image from the repo root', () => {
    expect(builds.map(([, b]) => path.relative(repoRoot, b.dockerfile))).toContain('Dockerfile');
  });

  it.each(builds)('the Dockerfile of %s copies only sources that exist and are not in .dockerignore', (_name, build) => {
    const text = readFileSync(build.dockerfile, 'utf8');
    const ignored = dockerignorePatterns(build.context);
    const copies = copyInstructions(text).filter((c) => c.fromStage === null);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      for (const source of copy.sources) {
        expect({ source, exists: existsSync(path.resolve(build.context, source)) }).toEqual({ source, exists: true });
        expect({ source, ignored: excludedByDockerignore(source, ignored) }).toEqual({ source, ignored: false });
      }
    }
  });

  it('runs the server as a non-root user with a health check on /healthz', () => {
    const text = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    const runtime = text.slice(text.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER\s+(?!root\b)\S+/m);
    expect(runtime).toMatch(/^HEALTHCHECK[\s\S]*\/healthz/m);
    expect(runtime).toMatch(/^CMD\s+\["node",\s*"server\/dist\/main\.js"\]/m);
  });
});

describe('the Asterisk config that docker-compose.yml mounts', () => {
  const entrypoint = path.join(asteriskDir, 'docker/entrypoint.sh');
  const run = runAsteriskEntrypoint(entrypoint, { AMI_SECRET: 'ami-test', ARI_PASSWORD: 'ari-test', SIP_PASSWORDS: '1001:pw1001' });
  afterAll(() => rmSync(run.root, { recursive: true, force: true }));

  it('has every #include resolve to a committed file or to one the entrypoint writes at start', () => {
    expect(run).toMatchObject({ status: 0 });
    const includes = confIncludes(asteriskDir);
    expect(includes.length).toBeGreaterThan(0);
    const unresolved = includes.filter((inc) => {
      const target = path.isAbsolute(inc.target) ? path.join(run.root, inc.target) : path.join(asteriskDir, inc.target);
      return !(existsSync(target) && statSync(target).isFile());
    });
    expect(unresolved).toEqual([]);
  });

  it('includes generated files only from the in-memory secrets folder', () => {
    const absolute = confIncludes(asteriskDir).filter((inc) => path.isAbsolute(inc.target));
    for (const inc of absolute) expect(inc.target).toMatch(/^\/run\/ringside\/asterisk\/[a-z-]+\.conf$/);
    const tmpfs = (compose.services['asterisk']?.['tmpfs'] as string[] | undefined) ?? [];
    expect(tmpfs.map((t) => t.split(':')[0])).toContain('/run/ringside');
  });
});
