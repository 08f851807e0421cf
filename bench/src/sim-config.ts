import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Shape of a generated switch: agent endpoints `PJSIP/<base>..`, spread round-robin over queues. */
export interface SimConfigSpec {
  agents: number;
  queues: number;
  /** First agent endpoint number; 10000 gives PJSIP/10000.. */
  base?: number;
  strategy?: 'rrmemory' | 'leastrecent' | 'ringall' | 'random' | 'fewestcalls' | 'linear';
  /** Ring time per agent before the queue tries the next one, seconds. */
  ringTimeoutS?: number;
  wrapupS?: number;
  /** Queues whose callers first hear a greeting (one prompt, pbx-sim's promptMs) before they queue. */
  greeting?: (queueIndex: number) => boolean;
  /** Queue names other than `q<i>`: a tenant's queues carry its switch prefix (`t01-q0`). */
  queueName?: (queueIndex: number) => string;
}

/** Queue i is `q<i>`, reached from the trunk by dialling 7000+i. */
export const queueName = (i: number) => `q${i}`;
export const queueExten = (i: number) => String(7000 + i);
const nameOf = (spec: SimConfigSpec, q: number) => spec.queueName?.(q) ?? queueName(q);
export const agentEndpoint = (spec: SimConfigSpec, i: number) => String((spec.base ?? 10000) + i);

/**
 * Writes a pbx-sim (Asterisk) config folder for a large call center into a temp directory and
 * returns it: one trunk (2001), `agents` registered phones, `queues` queues with direct DIDs.
 */
export async function writeSimConfig(spec: SimConfigSpec): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-bench-sim-'));
  await mkdir(dir, { recursive: true });
  const agentSections: string[] = [];
  const hints: string[] = [];
  const members: string[][] = Array.from({ length: spec.queues }, () => []);
  for (let i = 0; i < spec.agents; i++) {
    const ep = agentEndpoint(spec, i);
    agentSections.push(`[${ep}](ep-base)\ncontext = agents\ncallerid = "Agent ${ep}" <${ep}>\naors = ${ep}\n[${ep}](aor-agent)\n`);
    hints.push(`exten => ${ep},hint,PJSIP/${ep}`);
    members[i % spec.queues]!.push(`member => PJSIP/${ep},0,Agent ${ep},PJSIP/${ep}`);
  }
  const pjsip = `[transport-udp]
type = transport
protocol = udp
bind = 127.0.0.1:5060

[ep-base](!)
type = endpoint
transport = transport-udp
disallow = all
allow = ulaw
language = en

[aor-agent](!)
type = aor
max_contacts = 1
remove_existing = yes
qualify_frequency = 0

#include pjsip-agents.conf

[2001](ep-base)
context = from-customers
callerid = "Trunk" <2001>
aors = 2001
[2001]
type = aor
contact = sip:2001@127.0.0.1:5081
qualify_frequency = 0
`;
  const greet = (q: number) => (spec.greeting?.(q) ? '\n same => n,Playback(welcome)' : '');
  const queueExtens = Array.from({ length: spec.queues }, (_, q) => `exten => ${queueExten(q)},1,Answer()${greet(q)}\n same => n,Queue(${nameOf(spec, q)},t,,,600)\n same => n,Hangup()`).join('\n');
  const extensions = `[general]
static = yes

[from-customers]
${queueExtens}

[agents]
${hints.join('\n')}
`;
  const queues = `[general]
persistentmembers = no
autofill = yes
shared_lastcall = yes

${members
  .map(
    (m, q) => `[${nameOf(spec, q)}]
strategy = ${spec.strategy ?? 'rrmemory'}
timeout = ${spec.ringTimeoutS ?? 15}
retry = 1
wrapuptime = ${spec.wrapupS ?? 0}
maxlen = 0
joinempty = yes
leavewhenempty = no
ringinuse = no
${m.join('\n')}
`,
  )
  .join('\n')}`;
  const manager = `[general]
enabled = yes
port = 5038
bindaddr = 127.0.0.1

[cti]
secret = cti-secret
deny = 0.0.0.0/0.0.0.0
permit = 127.0.0.1/255.255.255.255
read = all
write = all
`;
  await writeFile(path.join(dir, 'pjsip.conf'), pjsip);
  await writeFile(path.join(dir, 'pjsip-agents.conf'), agentSections.join('\n'));
  await writeFile(path.join(dir, 'extensions.conf'), extensions);
  await writeFile(path.join(dir, 'queues.conf'), queues);
  await writeFile(path.join(dir, 'manager.conf'), manager);
  return dir;
}
