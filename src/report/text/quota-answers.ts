/** The summary's lines for rollouts and other controllers a ResourceQuota held up (report.quotaBlocks). */
import { formatDuration } from '../../engine/time.js';
import type { Report } from '../report.js';
import type { Answer } from './answer.js';

export function quotaAnswers(report: Report): Answer[] {
  return (report.quotaBlocks ?? []).map((b) => {
    const what = b.kind === 'Deployment' ? 'rollout' : `${b.kind} pod creation`;
    const resources = b.resources.map((r) => `${r.name} ${r.used}/${r.limited}`).join(', ');
    const until = b.resumedMs === null ? ', still blocked at the end' : `, resumed at ${formatDuration(b.resumedMs)}`;
    const refusals = `${b.refusals} refused create${b.refusals === 1 ? '' : 's'}`;
    return { text: `${b.workload}: ${what} blocked by ResourceQuota ${b.quota} (${resources}) from ${formatDuration(b.fromMs)}${until} (${refusals}).`, tone: 'warn' as const };
  });
}
