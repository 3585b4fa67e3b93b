// Audit round 23 (T-5): the command a container runner runs was never judged, so `docker run …
// rm -rf /w` was allowed by `docker *` while `uv run rm -rf x` met the deny. Every deny and ask
// row below was allow before the fix.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

const POLICY = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow, match: ["docker *", "podman *", "kubectl *", "npm *", "docker-compose *"]}
  - {capability: shell, effect: deny, match: ["rm -rf *", "curl *"]}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
`,
}, ['.github/agent-gate.yml']);

const ROWS: Array<[command: string, effect: Effect, why: string]> = [
  ['docker run --rm alpine rm -rf /w', 'deny', 'the command after the image'],
  ['docker run --rm -v "$PWD":/w -w /w alpine rm -rf /w', 'deny', 'after options with values, one quoted and known at run time'],
  ["docker run alpine sh -c 'rm -rf x'", 'deny', 'a shell string inside'],
  ['docker exec -it ctr rm -rf /', 'deny', 'docker exec'],
  ['docker container run alpine rm -rf /', 'deny', 'docker container run'],
  ['docker --context prod run alpine rm -rf /', 'deny', 'after a global option with a value'],
  ['docker compose -f dc.yml run --rm app rm -rf x', 'deny', 'docker compose run'],
  ['docker-compose exec app rm -rf x', 'deny', 'docker-compose exec'],
  ['podman run --entrypoint rm alpine -rf /w', 'deny', '--entrypoint starts the command'],
  ['kubectl exec pod-1 -c app -- rm -rf /data', 'deny', 'kubectl exec … --'],
  ['kubectl -n prod --context x exec pod -- rm -rf /data', 'deny', 'U-8: after global options with values'],
  ['docker run --sysctl net.ipv4.ip_forward=1 --pids-limit 100 alpine rm -rf /w', 'deny', 'U-9: options not listed here'],
  [`docker run --sysctl x=1 ${'-e A=1 '.repeat(20)}alpine rm -rf /w`, 'deny', 'W-8: past 32 words'],
  ['kubectl exec pod rm -rf /data', 'deny', 'W-2: the older form without --'],
  ['docker run $OPTS alpine npm test', 'ask', 'a word that splits may hold options or the command'],
  ['docker run --rm -v "$PWD":/w -w /w node:20 npm test && docker build -t x . && docker ps && kubectl get pods', 'allow', 'everyday commands'],
  ['docker compose up -d && docker exec ctr npm test && kubectl exec pod -- npm test', 'allow', 'allowed commands inside'],
];

describe('container runners (T-5)', () => {
  test.each(ROWS)('%j -> %s (%s)', (command, effect) => {
    expect(judge(POLICY, 'shell', command).effect).toBe(effect);
  });
});
