import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPIC_SPECS } from '@onewindow/contracts';
import { parseAllDocuments } from 'yaml';

// helm is not installable on this machine, so deploy/k8s holds plain manifests, checked here against the
// Kubernetes API's OpenAPI schemas (kubernetes-models validates with them) and for what probes and
// scaling need.
 
const MODELS: Record<string, () => new (o: unknown) => { validate(): void }> = {
  'v1/Namespace': () => require('kubernetes-models/v1/Namespace').Namespace,
  'v1/ConfigMap': () => require('kubernetes-models/v1/ConfigMap').ConfigMap,
  'v1/Secret': () => require('kubernetes-models/v1/Secret').Secret,
  'v1/Service': () => require('kubernetes-models/v1/Service').Service,
  'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment').Deployment,
  'policy/v1/PodDisruptionBudget': () => require('kubernetes-models/policy/v1/PodDisruptionBudget').PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': () =>
    require('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler').HorizontalPodAutoscaler,
};
 

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, any>;  
  stringData?: Record<string, string>;
}

const dir = join(__dirname, '../../deploy/k8s');
const manifests: Array<{ file: string; doc: Manifest }> = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return { file, doc: d.toJS() as Manifest };
    }),
  );
const of = (kind: string) => manifests.filter((m) => m.doc.kind === kind).map((m) => m.doc);

describe('deploy/k8s manifests', () => {
  it('are valid objects of the Kubernetes API (schema validation)', () => {
    expect(manifests.length).toBeGreaterThan(20);
    for (const { file, doc } of manifests) {
      const model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      if (!model) throw new Error(`${file}: no schema here for ${doc.apiVersion}/${doc.kind}`);
      expect(() => new (model())(doc).validate()).not.toThrow();
    }
  });

  it('the validator refuses a broken manifest (so the check above can fail)', () => {
    const broken = structuredClone(of('Deployment')[0]);
    broken.spec!.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => new (MODELS['apps/v1/Deployment']())(broken).validate()).toThrow(/containerPort/);
  });

  it('gives every Deployment probes on the health endpoints, resource requests, a Service, a PDB and an HPA bounded by the partition count', () => {
    const partitions = Math.min(...TOPIC_SPECS.filter((t) => !t.compacted && !t.name.includes('dead-letter')).map((t) => t.partitions));
    const secretKeys = Object.keys(of('Secret')[0].stringData ?? {});
    for (const d of of('Deployment')) {
      const name = d.metadata.name;
      const c = d.spec!.template.spec.containers[0];
      expect([name, c.livenessProbe.httpGet.path]).toEqual([name, '/health/live']);
      expect([name, c.readinessProbe.httpGet.path]).toEqual([name, '/health/ready']);
      expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
      for (const e of c.env.filter((x: { valueFrom?: { secretKeyRef?: unknown } }) => x.valueFrom?.secretKeyRef)) {
        expect(secretKeys).toContain(e.valueFrom.secretKeyRef.key);
      }
      const selector = d.spec!.selector.matchLabels;
      expect(d.spec!.template.metadata.labels).toEqual(expect.objectContaining(selector));
      const svc = of('Service').find((s) => s.metadata.name === name);
      expect(svc?.spec!.selector).toEqual(selector);
      const ports = c.ports.map((p: { name: string }) => p.name);
      for (const p of svc!.spec!.ports) expect(ports).toContain(p.targetPort);
      expect(of('PodDisruptionBudget').find((p) => p.metadata.name === name)?.spec!.selector.matchLabels).toEqual(selector);
      const hpa = of('HorizontalPodAutoscaler').find((h) => h.metadata.name === name);
      expect(hpa?.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa!.spec!.maxReplicas).toBeLessThanOrEqual(partitions);
    }
    expect(of('Deployment').length).toBeGreaterThanOrEqual(5);
  });
});
