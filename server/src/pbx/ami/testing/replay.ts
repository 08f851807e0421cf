import type { CtiOutcome } from '../../../domain/cti-batch.js';
import type { CtiState } from '../../../domain/cti-state.js';
import type { DomainEvent } from '../../../domain/events.js';
import type { ManualClock } from '../../../domain/ports/clock.js';
import { mapAmiEvent } from '../ami-event-mapper.js';
import { AmiParser } from '../ami-parser.js';
import { amiTimeline } from './traces.js';

/** What replaying a recorded scenario through parser, mapper and state produced. */
export interface Replay {
  events: DomainEvent[];
  outcomes: CtiOutcome[];
  /** Frames the parser dropped (none expected in a recording). */
  problems: string[];
}

/**
 * Feeds a recorded AMI stream, chunk by chunk as it arrived and stamped with its recorded
 * time, through the parser and the mapper into a CtiState.
 */
export function replayTrace(name: string, state: CtiState, clock: ManualClock): Replay {
  const replay: Replay = { events: [], outcomes: [], problems: [] };
  let at = 0;
  const parser = new AmiParser({
    frame: (m) => {
      for (const event of mapAmiEvent(m, at)) {
        if (event.at > clock.now()) clock.set(event.at);
        replay.events.push(event);
        replay.outcomes.push(state.apply(event));
      }
    },
    problem: (p) => replay.problems.push(p.message),
  });
  for (const chunk of amiTimeline(name)) {
    at = chunk.at;
    parser.push(chunk.data);
  }
  return replay;
}
