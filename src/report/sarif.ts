// SARIF 2.1.0 for code scanning: one result per finding, stable rule ids, repository-relative URIs.
import { createHash } from 'node:crypto';
import { describeRule } from '../engine/decide.ts';
import { hintFor } from './hint.ts';
import { COMMIT_MESSAGE_SOURCE, isLogTamper, namesUndecodablePath, type Finding, type Report } from './model.ts';
import { spellUnseen } from './escape.ts';

interface SarifRule { id: string; name: string; shortDescription: { text: string }; helpUri: string }

export function ruleId(f: Finding): string {
  if (isLogTamper(f)) return 'agent-gate/log-tamper';
  if (f.rule === null) return 'agent-gate/no-rule-matched';
  if (f.rule.pattern === 'models.allow' || f.rule.pattern === 'models.unknown') return `agent-gate/${f.rule.scope}/${f.rule.pattern}`;
  return `agent-gate/${f.rule.scope}/rule-${f.rule.index}`;
}

/**
 * One per distinct finding: code scanning merges results that share a fingerprint into one alert
 * (and one matching a dismissed alert comes back dismissed), so the commit and the log line are
 * part of it. The same finding of the same commit keeps its fingerprint from run to run.
 */
function fingerprint(id: string, f: Finding): string {
  const where = f.source.kind === 'log' ? [f.source.file, f.source.line ?? null] : [];
  return createHash('sha256').update(JSON.stringify([id, f.capability, f.resource, f.part, f.commit, ...where])).digest('hex');
}

/** A repository-relative URI: each segment percent-encoded, so odd names stay one valid URI. */
function artifactUri(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(s)).join('/');
}

const DEFAULT_POLICY_FILE = '.github/agent-gate.yml';

/**
 * Plain text as a SARIF message holds it (SARIF 2.1.0 3.11.5, 3.11.6): `{`/`}` doubled, since `{0}`
 * is a placeholder, and `[`/`]` escaped, since `[text](target)` is a link. A path the pull request
 * names must reach the viewer as text, its unseen characters spelled out as the other reports
 * spell them: a raw U+202E showed `rtl\u202egnp.exe` as `rtlexe.png` in code scanning (audit 44, AY-2).
 */
export function sarifText(text: string): string {
  return spellUnseen(text).replace(/[{}]/g, '$&$&').replace(/[[\]]/g, '\\$&');
}

function inRepository(path: string): boolean {
  return path !== '' && path !== COMMIT_MESSAGE_SOURCE && !path.startsWith('refs/') && !path.startsWith('/') && !path.split('/').includes('..');
}

/**
 * Whether the finding names a file code scanning can find. A path that is not UTF-8 is spelled
 * with `\xHH` escapes, and that spelling, percent-encoded, is the URI of another file, which may
 * well exist and be allowed (audit AO-2).
 */
function hasOwnLocation(f: Finding): boolean {
  return inRepository(f.source.file) && !namesUndecodablePath(f);
}

export function renderSarif(report: Report, policyFile = DEFAULT_POLICY_FILE): string {
  const rules = new Map<string, SarifRule>();
  const results = report.findings.map((f) => {
    const id = ruleId(f);
    if (!rules.has(id)) {
      rules.set(id, {
        id,
        name: id.replace(/[^A-Za-z0-9]+/g, '-'),
        // The rule, not the pattern one finding matched: every result under the id shares it.
        shortDescription: { text: sarifText(f.rule === null ? 'No rule allows this agent action' : `${describeRule(f.rule)}: ${f.rule.effect}`) },
        helpUri: 'https://github.com/agent-gate/agent-gate/blob/main/docs/policy.md',
      });
    }
    // The file the finding came from: the changed path (a symlink's target finding points at the
    // link) or the log file. A note, the commit message or a path outside the repository has none;
    // code scanning rejects a whole upload over one result with no location, so those point at the
    // policy that judged them.
    const own = hasOwnLocation(f);
    const uri = own ? f.source.file : inRepository(policyFile) ? policyFile : DEFAULT_POLICY_FILE;
    const location = [{
      physicalLocation: {
        artifactLocation: { uri: artifactUri(uri), uriBaseId: '%SRCROOT%' },
        ...(own && f.source.line !== undefined ? { region: { startLine: f.source.line } } : {}),
      },
    }];
    return {
      ruleId: id,
      level: f.effect === 'deny' ? 'error' : 'warning',
      message: { text: sarifText(`${f.effect} ${f.capability} ${JSON.stringify(f.resource)}${f.part !== null && f.part !== f.resource ? ` (part ${JSON.stringify(f.part)})` : ''}: ${f.reason}. ${hintFor(f, policyFile)}`) },
      locations: location,
      partialFingerprints: { agentGate: fingerprint(id, f) },
      properties: { commit: f.commit, source: f.source.kind, ...(own ? {} : { sourceFile: f.source.file }) },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'agent-gate', informationUri: 'https://github.com/agent-gate/agent-gate', version: '0.1.0', rules: [...rules.values()] } },
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
