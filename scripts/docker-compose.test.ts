/**
 * docker/compose.yml against the official compose specification's JSON schema, and the deployment
 * rules the image and compose file must keep. No Docker engine runs here: the schema is the compose
 * spec's own (vendored by the PyPI package check-jsonschema, `--builtin-schema vendor.compose-spec`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'docker');
const composeFile = path.join(here, 'compose.yml');
const validator = spawnSync('check-jsonschema', ['--version'], { encoding: 'utf8' });
const haveValidator = validator.status === 0;
if (!haveValidator) console.warn('compose schema test SKIPPED: check-jsonschema is not installed (pip install check-jsonschema==0.39.0 ships the compose-spec schema)');

/** Validates a compose file with the compose spec's JSON schema; the validator's verdict and message. */
function validate(file: string): { ok: boolean; output: string } {
  const run = spawnSync('check-jsonschema', ['--builtin-schema', 'vendor.compose-spec', file], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

/** The compose file as data (YAML anchors and merges resolved), read by the validator's own YAML reader. */
function load(file: string): ComposeFile {
  const script = 'import sys, json\nfrom ruamel.yaml import YAML\nprint(json.dumps(YAML(typ="safe").load(open(sys.argv[1]))))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as ComposeFile;
}

interface Service {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }> | string[];
}
interface ComposeFile {
  services: Record<string, Service>;
}

describe.skipIf(!haveValidator)('docker/compose.yml against the compose specification schema', () => {
  it('is a valid compose file', () => {
    const { ok, output } = validate(composeFile);
    expect(output).toContain('ok');
    expect(ok).toBe(true);
  });

  it('the validator rejects what the specification does not allow (a service key that does not exist, a bad healthcheck)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
    try {
      const bad = path.join(dir, 'compose.yml');
      writeFileSync(bad, 'services:\n  api:\n    image: x\n    replicas: 2\n');
      expect(validate(bad).ok).toBe(false);
      writeFileSync(bad, 'services:\n  api:\n    image: x\n    healthcheck:\n      interval: [10]\n');
      expect(validate(bad).ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has an OpenSearch profile of three nodes with health checks, the API depending on it only when the profile runs', () => {
    const { services } = load(composeFile);
    const nodes = Object.entries(services).filter(([, s]) => s.image?.startsWith('opensearchproject/opensearch:'));
    expect(nodes.map(([name]) => name)).toEqual(['opensearch-1', 'opensearch-2', 'opensearch-3']);
    for (const [name, node] of nodes) {
      expect(node.profiles).toEqual(['opensearch']);
      expect(node.healthcheck?.test?.join(' ')).toContain('_cluster/health');
      expect(node.environment?.['node.name']).toBe(name);
      expect(node.environment?.['cluster.initial_cluster_manager_nodes']).toBe('opensearch-1,opensearch-2,opensearch-3');
    }
    const dependsOn = services.api.depends_on as Record<string, { condition: string; required?: boolean }>;
    expect(dependsOn['opensearch-1']).toEqual({ condition: 'service_healthy', required: false });
  });

  it('puts a load balancer in front of the API replicas, with no default admin secret', () => {
    const { services } = load(composeFile);
    expect(services.api.ports).toBeUndefined();
    expect(services.lb.ports).toHaveLength(1);
    const nginx = readFileSync(path.join(here, 'nginx.conf'), 'utf8');
    // Every replica behind the one name `api`, resolved again as replicas come and go.
    expect(nginx).toContain('set $api http://api:3000;');
    expect(nginx).toContain('proxy_pass $api;');
    expect(nginx).toMatch(/resolver 127\.0\.0\.11 valid=\d+s/);
    for (const service of Object.values(services)) expect(Object.keys(service.environment ?? {})).not.toContain('ZHIWEN_ADMIN_TOKEN');
    expect(readFileSync(composeFile, 'utf8')).not.toMatch(/change-me|POSTGRES_PASSWORD: zhiwen\b/);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(path.join(here, 'Dockerfile'), 'utf8');
  const ignore = readFileSync(path.join(here, 'Dockerfile.dockerignore'), 'utf8').split('\n').map((l) => l.trim());

  it('runs as a non-root user, checks its health, and sets no admin secret', () => {
    const user = dockerfile.match(/^USER (\S+)/m);
    expect(user?.[1]).toBe('node');
    // The user is set before the application files are copied and run.
    expect(dockerfile.indexOf('USER node')).toBeLessThan(dockerfile.indexOf('COPY --chown=node:node . .'));
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).not.toMatch(/ZHIWEN_ADMIN_TOKEN\s*=/);
  });

  it('keeps the host\'s node_modules, data and secrets out of the build context', () => {
    for (const entry of ['**/node_modules', 'data/', '.zhiwen/', '.env', '.git/']) expect(ignore).toContain(entry);
  });
});
