import { describe, expect, it } from '@jest/globals';
import type { AmiField } from '../ami/ami-message.js';
import { checkKnownDifferences, compareStreams } from './compare.js';

const chan = (ev: string, state: string, uid: string, extra: AmiField[] = []): AmiField[] => [
  ['Event', ev],
  ['Privilege', 'call,all'],
  ['Channel', `PJSIP/1001-0000000${uid}`],
  ['ChannelState', state],
  ['Uniqueid', `1795349593.${uid}`],
  ...extra,
];

const trace = [chan('Newchannel', '0', '1'), chan('Newstate', '5', '1'), chan('Hangup', '5', '1', [['Cause', '26']])];

describe('the trace comparator', () => {
  it('accepts the same events with other ids and channel suffixes', () => {
    const sim = [chan('Newchannel', '0', '7'), chan('Newstate', '5', '7'), chan('Hangup', '5', '7', [['Cause', '26']])];
    expect(compareStreams(trace, sim)).toEqual([]);
  });

  it('fails on a different value, a missing event, a reordering, or an extra field', () => {
    expect(compareStreams(trace, [trace[0]!, chan('Newstate', '6', '1'), trace[2]!])).toHaveLength(1);
    expect(compareStreams(trace, [trace[0]!, trace[2]!])).toHaveLength(1);
    expect(compareStreams(trace, [trace[1]!, trace[0]!, trace[2]!])).toHaveLength(1);
    expect(compareStreams(trace, [trace[0]!, chan('Newstate', '5', '1', [['X', '1']]), trace[2]!])).toHaveLength(1);
  });

  it('fails on a response whose message differs', () => {
    const a: AmiField[][] = [[['Response', 'Success'], ['ActionID', '1'], ['Message', 'Channel Hungup']]];
    const b: AmiField[][] = [[['Response', 'Success'], ['ActionID', '1'], ['Message', 'Hung up']]];
    expect(compareStreams(a, b)).toHaveLength(1);
  });

  it('allows only the listed known difference, and reports one that no longer occurs', () => {
    const diffs = compareStreams(trace, [trace[0]!, trace[2]!]);
    const [, stream, index] = /^events (\S+) #(\d+)/.exec(diffs[0]!)!;
    const known = { stream: stream!, index: Number(index), asterisk: 'Newstate', pbxSim: 'Hangup', reason: 'test' };
    expect(checkKnownDifferences(diffs, [known])).toEqual({ unexpected: [], stale: [] });
    expect(checkKnownDifferences(diffs, [{ ...known, index: known.index + 1 }]).unexpected).toHaveLength(1);
    expect(checkKnownDifferences([], [known]).stale).toHaveLength(1);
  });
});
