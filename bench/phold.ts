/**
 * PHOLD hold model, run twice in one process so the ratio is robust to a
 * noisy machine: once as a bare loop over fastpriorityqueue with (time, seq)
 * objects (the floor any engine pays), once through the engine's public API.
 *
 * LPS logical processes start with JOBS jobs each. Every event holds its job
 * for an exponential delay (mean 1 s, in integer ms), then moves it to a
 * uniformly random process. Both variants draw the same random numbers.
 *
 * Usage: npm run bench:phold -- [LPS] [JOBS] [EVENTS]
 */
import FastPriorityQueue from 'fastpriorityqueue';
import { Simulation } from '../src/engine/simulation.js';
import { RandomStreams, type Rng } from '../src/engine/random.js';
import { benchArguments } from './arguments.js';

const MEAN_HOLD_MS = 1_000;

interface BareEvent {
  t: number;
  seq: number;
  lp: number;
}

function holdMs(rng: Rng): number {
  return Math.round(-MEAN_HOLD_MS * Math.log(1 - rng.next()));
}

function runBare(lps: number, jobs: number, events: number): number {
  const rng = new RandomStreams(1).stream('phold');
  const queue = new FastPriorityQueue<BareEvent>((a, b) => a.t < b.t || (a.t === b.t && a.seq < b.seq));
  let seq = 0;
  for (let lp = 0; lp < lps; lp++) {
    for (let j = 0; j < jobs; j++) queue.add({ t: holdMs(rng), seq: seq++, lp });
  }
  let done = 0;
  let checksum = 0;
  while (done < events) {
    const event = queue.poll() as BareEvent;
    done++;
    checksum += event.lp;
    const dest = Math.floor(rng.next() * lps);
    queue.add({ t: event.t + holdMs(rng), seq: seq++, lp: dest });
  }
  return checksum;
}

function runEngine(lps: number, jobs: number, events: number): number {
  const sim = new Simulation(1);
  const rng = sim.random.stream('phold');
  let done = 0;
  let checksum = 0;
  const handlers: Array<() => void> = [];
  for (let lp = 0; lp < lps; lp++) {
    handlers.push(() => {
      done++;
      checksum += lp;
      if (done >= events) {
        sim.stop('events reached');
        return;
      }
      const dest = Math.floor(rng.next() * lps);
      sim.after(holdMs(rng), handlers[dest] as () => void, 'phold');
    });
  }
  for (let lp = 0; lp < lps; lp++) {
    for (let j = 0; j < jobs; j++) sim.at(holdMs(rng), handlers[lp] as () => void, 'phold');
  }
  sim.run();
  return checksum;
}

function measure(variant: string, run: () => number, events: number): number {
  const start = process.hrtime.bigint();
  const checksum = run();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const rate = Math.round(events / (wallMs / 1_000));
  console.log(`phold variant=${variant} events=${events} wall_ms=${wallMs.toFixed(0)} events_per_sec=${rate} checksum=${checksum}`);
  return rate;
}

const [lps, jobs, events] = benchArguments('npm run bench:phold -- [LPS] [JOBS] [EVENTS]', (args) => [
  args.positiveInteger(1_000, 'LPS'),
  args.positiveInteger(10, 'JOBS'),
  args.positiveInteger(3_000_000, 'EVENTS'),
] as const);

// One short warm-up of each so both variants run optimised code.
runBare(lps, jobs, Math.min(events, 200_000));
runEngine(lps, jobs, Math.min(events, 200_000));
const bare = measure('bare', () => runBare(lps, jobs, events), events);
const engine = measure('engine', () => runEngine(lps, jobs, events), events);
console.log(`phold engine/bare=${(engine / bare).toFixed(3)}`);
