/**
 * ConfigMaps and Secrets a pod needs before its containers can start, and
 * what the kubelet says when one is missing (k/k pkg/kubelet volume
 * manager and kubelet_pods.go makeEnvironmentVariables):
 * - a configMap, secret or projected volume source whose object is missing
 *   fails the mount: event FailedMount, the pod stays ContainerCreating with
 *   no sandbox;
 * - envFrom or env valueFrom referring to a missing object or key fails the
 *   container's config: event Failed "Error: configmap "x" not found", the
 *   container waits in CreateContainerConfigError.
 * References marked `optional: true` never block.
 */
import type { KubeObject } from '../api/types/meta.js';
import type { Container, PodSpec } from '../api/types/pod.js';

type Json = Record<string, unknown>;
export type ConfigKind = 'ConfigMap' | 'Secret';

/** Looks up a ConfigMap or Secret in the pod's namespace. */
export type ConfigLookup = (kind: ConfigKind, name: string) => KubeObject | undefined;

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function lower(kind: ConfigKind): string {
  return kind === 'ConfigMap' ? 'configmap' : 'secret';
}

function hasKey(object: KubeObject, key: string): boolean {
  const o = object as unknown as Json;
  return [o.data, o.binaryData, o.stringData].some((map) => record(map) !== undefined && Object.prototype.hasOwnProperty.call(map, key));
}

interface VolumeRef {
  readonly volume: string;
  readonly kind: ConfigKind;
  readonly name: string;
}

/** A name field as written; validation has refused anything but a string. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function volumeRefs(spec: PodSpec): VolumeRef[] {
  const refs: VolumeRef[] = [];
  for (const raw of spec.volumes ?? []) {
    const volume = record(raw);
    if (volume === undefined) continue;
    const volumeName = text(volume.name);
    const configMap = record(volume.configMap);
    if (configMap !== undefined && configMap.optional !== true) refs.push({ volume: volumeName, kind: 'ConfigMap', name: text(configMap.name) });
    const secret = record(volume.secret);
    if (secret !== undefined && secret.optional !== true) refs.push({ volume: volumeName, kind: 'Secret', name: text(secret.secretName) });
    const projected = record(volume.projected);
    for (const rawSource of Array.isArray(projected?.sources) ? (projected.sources as unknown[]) : []) {
      const source = record(rawSource);
      const cm = record(source?.configMap);
      if (cm !== undefined && cm.optional !== true) refs.push({ volume: volumeName, kind: 'ConfigMap', name: text(cm.name) });
      const sec = record(source?.secret);
      if (sec !== undefined && sec.optional !== true) refs.push({ volume: volumeName, kind: 'Secret', name: text(sec.name) });
    }
  }
  return refs;
}

/** Why the pod's volumes cannot be mounted yet (the FailedMount message), or undefined. */
export function volumeMountError(spec: PodSpec, lookup: ConfigLookup): string | undefined {
  for (const ref of volumeRefs(spec)) {
    if (lookup(ref.kind, ref.name) === undefined) {
      return `MountVolume.SetUp failed for volume "${ref.volume}" : ${lower(ref.kind)} "${ref.name}" not found`;
    }
  }
  return undefined;
}

/** Why the container's environment cannot be built (the "Error: ..." of CreateContainerConfigError), or undefined. */
export function containerConfigError(container: Container, namespace: string, lookup: ConfigLookup): string | undefined {
  for (const raw of container.envFrom ?? []) {
    const source = record(raw);
    const refs: Array<[ConfigKind, Json | undefined]> = [['ConfigMap', record(source?.configMapRef)], ['Secret', record(source?.secretRef)]];
    for (const [kind, ref] of refs) {
      if (ref === undefined || ref.optional === true) continue;
      const name = text(ref.name);
      if (lookup(kind, name) === undefined) return `${lower(kind)} "${name}" not found`;
    }
  }
  for (const raw of container.env ?? []) {
    const valueFrom = record(record(raw)?.valueFrom);
    const refs: Array<[ConfigKind, Json | undefined]> = [['ConfigMap', record(valueFrom?.configMapKeyRef)], ['Secret', record(valueFrom?.secretKeyRef)]];
    for (const [kind, ref] of refs) {
      if (ref === undefined || ref.optional === true) continue;
      const name = text(ref.name);
      const key = text(ref.key);
      const object = lookup(kind, name);
      if (object === undefined) return `${lower(kind)} "${name}" not found`;
      if (!hasKey(object, key)) return `couldn't find key ${key} in ${kind} ${namespace}/${name}`;
    }
  }
  return undefined;
}
