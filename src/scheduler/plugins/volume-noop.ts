/**
 * VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone: part of the
 * default profile, but kubesim models no volumes yet, so each skips itself at
 * PreFilter and never rejects a node (documented in docs/scheduler.md).
 */
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../framework/interfaces.js';
import { SKIP, SUCCESS } from '../framework/status.js';

export const VOLUME_PLUGINS = ['VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone'] as const;

export function volumeNoop(name: string): PreFilterPlugin & FilterPlugin & EnqueueExtensions {
  return {
    name,
    preFilter: () => ({ status: SKIP }),
    filter: () => SUCCESS,
    filterKey: () => '',
    eventsToRegister: () => [],
  };
}
