/**
 * Random (the FGD paper's baseline; simulator random_score.go): one of the
 * feasible nodes drawn uniformly at PreScore scores 100, every other 0.
 * The draw comes from the scheduler's seeded stream for this plugin, so a
 * run repeats with its seed. Devices: best fit. The drawn node is the
 * only one scored above 0 (ScorePlugin.soleScored), so a profile scoring
 * with Random alone takes it without scoring the others.
 */
import type { FrameworkHandle, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SUCCESS } from '../../framework/status.js';
import { randomInt } from '../../../engine/random.js';
import { MAX_NODE_SCORE, policyPlugin } from './node-score.js';

export const RANDOM = 'Random';
const CHOSEN = 'Random/chosen';

/** The drawn node, held in a plain object: a CycleState copy (CycleState.clone) shares it instead of cloning the NodeInfo. */
interface Drawn {
  readonly node: NodeInfo;
}

export function random(handle: FrameworkHandle): PreScorePlugin & ScorePlugin {
  const rng = handle.rng(RANDOM);
  return {
    ...policyPlugin(RANDOM, (state, _shape, node) => (state.read<Drawn>(CHOSEN)?.node.name === node.name ? MAX_NODE_SCORE : 0)),
    // The drawn node read from the cycle state once per cycle, not once for each of the ~1,000 nodes scored.
    scoreAll(state, _pod, nodes, count, out) {
      const chosen = state.read<Drawn>(CHOSEN)?.node.name;
      for (let i = 0; i < count; i++) out[i] = (nodes[i] as NodeInfo).name === chosen ? MAX_NODE_SCORE : 0;
    },
    soleScored(state) {
      return state.read<Drawn>(CHOSEN)?.node;
    },
    preScore(state, _pod, nodes) {
      if (nodes.length > 0) {
        const drawn: Drawn = { node: nodes[randomInt(rng, nodes.length)] as NodeInfo };
        state.write(CHOSEN, drawn);
      }
      return SUCCESS;
    },
  };
}
