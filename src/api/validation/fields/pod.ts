/**
 * PodSpec and PodTemplateSpec (k8s.io/api core/v1/types.go). Subtrees
 * kubesim does not model (volume sources, security contexts, DNS config)
 * are stored as written and not looked into.
 */
import { labelSelector, objectMeta } from './meta.js';
import { list, mergeList, struct, value } from './tree.js';

const localObjectReference = struct({ name: value });
const keySelector = struct({ name: value, key: value, optional: value });

const envVar = struct({
  name: value,
  value: value,
  valueFrom: struct({
    fieldRef: struct({ apiVersion: value, fieldPath: value }),
    resourceFieldRef: struct({ containerName: value, resource: value, divisor: value }),
    configMapKeyRef: keySelector,
    secretKeyRef: keySelector,
    fileKeyRef: struct({ volumeName: value, path: value, key: value, optional: value }),
  }),
});

const envFromSource = struct({
  prefix: value,
  configMapRef: struct({ name: value, optional: value }),
  secretRef: struct({ name: value, optional: value }),
});

const httpGet = struct({ path: value, port: value, host: value, scheme: value, httpHeaders: list(struct({ name: value, value })), protocol: value });
const tcpSocket = struct({ port: value, host: value });
const exec = struct({ command: list() });

const probe = struct({
  exec,
  httpGet,
  tcpSocket,
  grpc: struct({ port: value, service: value, mode: value }),
  initialDelaySeconds: value,
  timeoutSeconds: value,
  periodSeconds: value,
  successThreshold: value,
  failureThreshold: value,
  terminationGracePeriodSeconds: value,
});

const lifecycleHandler = struct({ exec, httpGet, tcpSocket, sleep: struct({ seconds: value }) });

export const resourceRequirements = struct({ limits: value, requests: value, claims: list(struct({ name: value, request: value })) });

export const container = struct({
  name: value,
  image: value,
  command: list(),
  args: list(),
  workingDir: value,
  ports: mergeList(struct({ name: value, hostPort: value, containerPort: value, protocol: value, hostIP: value }), 'containerPort'),
  envFrom: list(envFromSource),
  env: mergeList(envVar, 'name'),
  resources: resourceRequirements,
  resizePolicy: list(struct({ resourceName: value, restartPolicy: value })),
  restartPolicy: value,
  restartPolicyRules: list(struct({ action: value, exitCodes: struct({ operator: value, values: list() }) })),
  volumeMounts: mergeList(
    struct({ name: value, readOnly: value, recursiveReadOnly: value, mountPath: value, subPath: value, mountPropagation: value, subPathExpr: value, bindMountOptions: list() }),
    'mountPath',
  ),
  volumeDevices: mergeList(struct({ name: value, devicePath: value }), 'devicePath'),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: struct({ postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: value }),
  terminationMessagePath: value,
  terminationMessagePolicy: value,
  imagePullPolicy: value,
  securityContext: value,
  stdin: value,
  stdinOnce: value,
  tty: value,
});

/** Every volume source of core/v1 VolumeSource; kubesim stores them as written. */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

const volume = struct({ name: value, ...Object.fromEntries(VOLUME_SOURCES.map((source) => [source, value])) });

const nodeSelectorRequirement = struct({ key: value, operator: value, values: list() });
const nodeSelectorTerm = struct({ matchExpressions: list(nodeSelectorRequirement), matchFields: list(nodeSelectorRequirement) });

const podAffinityTerm = struct({
  labelSelector,
  namespaces: list(),
  topologyKey: value,
  namespaceSelector: labelSelector,
  matchLabelKeys: list(),
  mismatchLabelKeys: list(),
});

const podAffinity = struct({
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: list(struct({ weight: value, podAffinityTerm })),
});

const affinity = struct({
  nodeAffinity: struct({
    requiredDuringSchedulingIgnoredDuringExecution: struct({ nodeSelectorTerms: list(nodeSelectorTerm) }),
    preferredDuringSchedulingIgnoredDuringExecution: list(struct({ weight: value, preference: nodeSelectorTerm })),
  }),
  podAffinity,
  podAntiAffinity: podAffinity,
});

export const toleration = struct({ key: value, operator: value, value, effect: value, tolerationSeconds: value });

const topologySpreadConstraint = struct({
  maxSkew: value,
  topologyKey: value,
  whenUnsatisfiable: value,
  labelSelector,
  minDomains: value,
  nodeAffinityPolicy: value,
  nodeTaintsPolicy: value,
  matchLabelKeys: list(),
});

export const podSpec = struct({
  volumes: mergeList(volume, 'name'),
  initContainers: mergeList(container, 'name'),
  containers: mergeList(container, 'name'),
  ephemeralContainers: mergeList(struct({ ...container.fields, targetContainerName: value }), 'name'),
  restartPolicy: value,
  terminationGracePeriodSeconds: value,
  activeDeadlineSeconds: value,
  dnsPolicy: value,
  nodeSelector: value,
  serviceAccountName: value,
  serviceAccount: value,
  automountServiceAccountToken: value,
  nodeName: value,
  hostNetwork: value,
  hostPID: value,
  hostIPC: value,
  shareProcessNamespace: value,
  securityContext: value,
  imagePullSecrets: mergeList(localObjectReference, 'name'),
  hostname: value,
  subdomain: value,
  affinity,
  schedulerName: value,
  tolerations: list(toleration),
  hostAliases: mergeList(struct({ ip: value, hostnames: list() }), 'ip'),
  priorityClassName: value,
  priority: value,
  dnsConfig: value,
  readinessGates: list(struct({ conditionType: value })),
  runtimeClassName: value,
  enableServiceLinks: value,
  preemptionPolicy: value,
  overhead: value,
  topologySpreadConstraints: mergeList(topologySpreadConstraint, 'topologyKey'),
  setHostnameAsFQDN: value,
  os: struct({ name: value }),
  hostUsers: value,
  schedulingGates: mergeList(struct({ name: value }), 'name'),
  resourceClaims: mergeList(struct({ name: value, resourceClaimName: value, resourceClaimTemplateName: value }), 'name'),
  resources: resourceRequirements,
  hostnameOverride: value,
  schedulingGroup: value,
  evictionResponders: mergeList(struct({ name: value, priority: value }), 'name'),
});

export const podTemplateSpec = struct({ metadata: objectMeta, spec: podSpec });
