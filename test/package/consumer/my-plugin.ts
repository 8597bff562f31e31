// A user's plugin outside the repository: types and one value from the SDK.
import { unresolvable, type FilterPlugin, type FrameworkHandle } from 'kubesim/plugin';

export const plugins = {
  NoCordonedLookalikes: (_args: unknown, _handle: FrameworkHandle): FilterPlugin => ({
    name: 'NoCordonedLookalikes',
    filter: (_state, _pod, nodeInfo) => (nodeInfo.labels['example.com/retired'] === 'true' ? unresolvable('NoCordonedLookalikes', 'node retired') : { code: 'Success', reasons: [] }),
  }),
};
