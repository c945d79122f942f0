import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { optionsFromEnv } from '../libs/sports-api-simulator/src/simulator';
import { parseEnv } from '../src/config/env.schema';

/**
 * What `docker compose up --build` and `kubectl apply -f deploy/k8s/` would run, checked without
 * Docker or a cluster: the files are parsed and held against each other and against the code.
 */
const ROOT = join(__dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

type Env = Record<string, string>;
interface ComposeService {
  build?: unknown;
  command?: string[];
  environment?: Env;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface Probe {
  httpGet: { path: string; port: string };
}
interface Container {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  envFrom: ({ configMapRef: { name: string } } | { secretRef: { name: string } })[];
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: Record<string, unknown>;
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Env };
  spec?: Record<string, unknown>;
  data?: Env;
}
interface PodSpec {
  terminationGracePeriodSeconds: number;
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; emptyDir?: object }[];
  containers: Container[];
}

/** The port a health-check command fetches, and its path: `fetch('http://127.0.0.1:8000/health/ready')`. */
function fetchedUrl(healthcheck: { test: string[] } | undefined): URL {
  const script = (healthcheck?.test ?? []).join(' ');
  const match = /fetch\('([^']+)'\)/.exec(script);
  if (!match) throw new Error(`no fetch('…') in health check: ${script}`);
  return new URL(match[1]);
}

describe('docker-compose.yml', () => {
  const compose = load(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
  const { app, simulator, redis } = compose.services;

  it('runs redis, the simulator and the app, both built from this Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'redis', 'simulator']);
    expect(redis.healthcheck).toBeDefined();
    expect(app.build).toBe('.');
    expect(simulator.build).toBe('.');
    // The simulator's command runs the compiled standalone entry point.
    const entry = simulator.command?.at(-1) ?? '';
    expect(entry).toBe('dist/libs/sports-api-simulator/src/main.js');
    expect(existsSync(join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('makes the simulator listen beyond loopback, on the port the app is given', () => {
    const env = simulator.environment ?? {};
    expect(env.SIMULATOR_HOST).toBeDefined();
    const options = optionsFromEnv(env);
    expect(options.host).not.toMatch(/^(127\.|localhost$|::1$)/);
    const target = new URL(app.environment?.CHATBET_API_BASE_URL ?? '');
    expect(target.hostname).toBe('simulator');
    expect(Number(target.port)).toBe(options.port);
    expect(Number(fetchedUrl(simulator.healthcheck).port)).toBe(options.port);
  });

  it('gives the app a valid configuration pointing at the other services by name', () => {
    const env = app.environment ?? {};
    const parsed = parseEnv({ ...env });
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    expect(parsed.HOST).toBe('0.0.0.0');
    expect(app.ports?.every((mapping) => mapping.endsWith(`:${parsed.PORT}`))).toBe(true);
    expect(app.depends_on).toEqual({
      redis: { condition: 'service_healthy' },
      simulator: { condition: 'service_healthy' },
    });
  });

  it('calls the app healthy only when it is ready', () => {
    const url = fetchedUrl(app.healthcheck);
    expect(url.pathname).toBe('/health/ready');
    expect(url.port).toBe(app.environment?.PORT);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = read('Dockerfile');
  const ignored = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('builds and runs on Node 24 LTS', () => {
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toBe('node:24-bookworm-slim');
  });

  it('keeps secrets and host-built files out of the context, and everything the build copies in', () => {
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.git', 'node_modules', 'dist']));
    const copied = [...dockerfile.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(.+)\s+\S+$/gm)].flatMap((m) =>
      m[1].split(/\s+/),
    );
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'src', 'libs', 'public']));
    for (const path of copied) {
      expect({ path, ignored: ignored.includes(path) }).toEqual({ path, ignored: false });
      expect({ path, exists: existsSync(join(ROOT, path)) }).toEqual({ path, exists: true });
    }
  });
});

describe('deploy/k8s (the set `kubectl apply -f deploy/k8s/` applies)', () => {
  const dir = join(ROOT, 'deploy', 'k8s');
  // kubectl reads every .yaml, .yml and .json file in the directory.
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
  const manifests = files
    .flatMap((f) => loadAll(readFileSync(join(dir, f), 'utf8')) as Manifest[])
    .filter(Boolean);
  const byKind = (kind: string): Manifest => {
    const found = manifests.filter((m) => m.kind === kind);
    if (found.length !== 1) throw new Error(`expected one ${kind} in deploy/k8s, found ${found.length}`);
    return found[0];
  };
  const deployment = byKind('Deployment');
  const config = byKind('ConfigMap');
  const template = deployment.spec?.template as { metadata: { labels: Env }; spec: PodSpec };
  const pod = template.spec;
  const app = pod.containers[0];

  it('applies no Secret: the example lives in deploy/examples and names the Secret the pods read', () => {
    expect(files.filter((f) => /secret|example/i.test(f))).toEqual([]);
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    const example = load(read('deploy/examples/secret.example.yaml')) as Manifest;
    expect(example.kind).toBe('Secret');
    expect(app.envFrom).toContainEqual({ secretRef: { name: example.metadata.name } });
    expect(app.envFrom).toContainEqual({ configMapRef: { name: config.metadata.name } });
  });

  it('deploys a versioned image, not latest', () => {
    const [, tag] = /^[^:@]+(?::([^@]+))?/.exec(app.image) ?? [];
    expect(tag).toBeDefined();
    expect(tag).not.toBe('latest');
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(tag).toBe(version);
  });

  it('probes liveness and readiness on the port the app listens on', () => {
    expect(app.livenessProbe.httpGet.path).toBe('/health/live');
    expect(app.startupProbe.httpGet.path).toBe('/health/live');
    expect(app.readinessProbe.httpGet.path).toBe('/health/ready');
    const http = app.ports.find((p) => p.name === app.readinessProbe.httpGet.port);
    expect(http?.containerPort).toBe(Number(config.data?.PORT));
    const service = byKind('Service');
    expect((service.spec?.ports as { targetPort: string }[])[0].targetPort).toBe(http?.name);
    expect(service.spec?.selector).toEqual(template.metadata.labels);
  });

  it('pauses before SIGTERM and still lets running turns drain within the grace period', () => {
    const preStop = app.lifecycle?.preStop;
    const pause =
      preStop?.sleep?.seconds ?? Number(preStop?.exec?.command.join(' ').match(/^sleep (\d+)$/)?.[1]);
    expect(pause).toBeGreaterThanOrEqual(2);
    const drain = Number(config.data?.SHUTDOWN_GRACE_MS) / 1000;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(pause + drain);
  });

  it('runs hardened: non-root, no privilege escalation, no capabilities, default seccomp, read-only root', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(app.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = app.volumeMounts?.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('keeps a PodDisruptionBudget over the same pods, below the replica count', () => {
    const pdb = byKind('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect((pdb.spec?.selector as { matchLabels: Env }).matchLabels).toEqual(template.metadata.labels);
    const hpa = byKind('HorizontalPodAutoscaler');
    const minReplicas = Math.min(Number(deployment.spec?.replicas), Number(hpa.spec?.minReplicas));
    expect(Number(pdb.spec?.minAvailable)).toBeGreaterThanOrEqual(1);
    expect(Number(pdb.spec?.minAvailable)).toBeLessThan(minReplicas);
  });
});
