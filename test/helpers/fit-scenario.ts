/**
 * The plan tests' scenario: 4 pods of 1 core on nodes of 2 cores, so 1 node
 * leaves 2 pods Pending and 2 nodes or more hold all 4.
 */
export const FIT_SCENARIO = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: fit }
spec:
  duration: 1m
  cluster: { nodePools: [ { name: w, count: 1, capacity: { cpu: "2", memory: 4Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 4
        selector: { matchLabels: { app: web } }
        template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: c, image: i, resources: { requests: { cpu: "1", memory: 1Gi } } } ] } }
`;
