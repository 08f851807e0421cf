import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseDialPlan, type DialPlanInput } from '@ringside/shared';
import { absoluteBaseIncludes, BASE_CONFIG_DIR, demoSecrets, renderAll, renderRuntimeIncludes, writeConfigFolder, type SecretMap } from '@ringside/pbx-config';
import { startPbxSim, traceInboundCall, type CallOutcome, type CallScript, type PbxSim } from '@ringside/pbx-sim';

export type { CallOutcome, CallScript, Landing } from '@ringside/pbx-sim';

/** Engine settings that keep a call short: prompts and speech take milliseconds, phones never answer. */
export const FAST_ENGINE = { promptMs: 5, ttsCharMs: 0.1, autoAnswerMs: undefined, log: () => undefined } as const;

/** Places a scripted inbound call into `sim` and resolves where it landed (see traceInboundCall). */
export function placeCall(sim: PbxSim, script: CallScript): Promise<CallOutcome> {
  return traceInboundCall(sim.engine, script);
}

/** Renders a dial plan into `dir` the way pbx-config's CLI does: base files, rendered files, runtime includes. */
export async function renderConfigFolder(dir: string, plan: DialPlanInput | unknown, secrets: SecretMap = demoSecrets): Promise<void> {
  const parsed = parseDialPlan(plan);
  const files = { ...renderAll(parsed, secrets), ...renderRuntimeIncludes(parsed, secrets, absoluteBaseIncludes(BASE_CONFIG_DIR)) };
  await writeConfigFolder(dir, files, BASE_CONFIG_DIR);
}

/** A pbx-sim running a rendered dial plan, with its AMI and HTTP on free ports. */
export interface CallFlowRig {
  sim: PbxSim;
  configDir: string;
  call(script: CallScript): Promise<CallOutcome>;
  /** Stops the switch and deletes the rendered folder. */
  stop(): Promise<void>;
}

/** Starts pbx-sim (every port 0) on a config folder that already exists (e.g. the server's PBX_CONFIG_DIR). */
export async function startSimOnFolder(configDir: string): Promise<PbxSim> {
  return startPbxSim({ configDir, amiPort: 0, httpPort: 0, engine: FAST_ENGINE });
}

/** Renders `plan` to a temp folder and starts pbx-sim on it, so a test can call in. */
export async function startCallFlowRig(plan: DialPlanInput | unknown, secrets: SecretMap = demoSecrets): Promise<CallFlowRig> {
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-callflow-'));
  try {
    await renderConfigFolder(configDir, plan, secrets);
    const sim = await startSimOnFolder(configDir);
    return {
      sim,
      configDir,
      call: (script) => placeCall(sim, script),
      async stop() {
        await sim.stop();
        await rm(configDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(configDir, { recursive: true, force: true });
    throw e;
  }
}
