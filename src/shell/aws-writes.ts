// The local files the AWS CLI writes, beyond `aws s3 cp|mv|sync` (cloud-writes.ts). Kiro's
// use_aws runs the same commands (logs/tools/kiro.ts), so both meet these rules (audit 48, BM-1).
// An operation generated from a service model takes one positional word only: the OUTFILE its
// response body is saved to (`aws polly synthesize-speech … speech.mp3`). The hand-written
// commands write settings: `aws configure` under ~/.aws, `eks update-kubeconfig` the kubeconfig,
// `codeartifact login` the package tool's user config, `cloudformation package` its template.
import { contentWrite as content, has, isStdio, knownPrefix, madeArg, readWords, ruleOnlyWrite, treeWrite as tree, valuesOf, type OperandWrite, type Options } from './operand-words.ts';
import type { Arg } from './words.ts';

/** The AWS CLI's global options that take a value: `aws --profile p eks …`. */
const GLOBAL_VALUED = new Set(['--profile', '--region', '--endpoint-url', '--output', '--query', '--ca-bundle', '--cli-read-timeout',
  '--cli-connect-timeout', '--color', '--cli-binary-format']);

/** aws's flags that take no value; every other option of a generated operation takes one, but `--no-…`. */
const FLAGS = new Set(['--debug', '--no-verify-ssl', '--no-paginate', '--no-sign-request', '--no-cli-pager', '--cli-auto-prompt',
  '--no-cli-auto-prompt', '--generate-cli-skeleton']);

/** Generated operations whose response body the CLI saves to their OUTFILE operand, by `SERVICE OPERATION`. */
const STREAMING = new Set([
  's3api get-object', 's3api get-object-torrent', 's3api select-object-content', 'lambda invoke', 'polly synthesize-speech',
  'glacier get-job-output', 'sagemaker-runtime invoke-endpoint', 'iot-data get-thing-shadow', 'iot-data update-thing-shadow',
  'iot-data delete-thing-shadow', 'lex-runtime post-content', 'lexv2-runtime recognize-utterance', 'kinesis-video-media get-media',
  'kinesis-video-archived-media get-clip', 'kinesis-video-archived-media get-media-for-fragment-list', 'mediastore-data get-object',
  'ebs get-snapshot-block', 'apigateway get-export', 'apigateway get-sdk', 'appconfig get-configuration',
  'appconfigdata get-latest-configuration', 'bedrock-runtime invoke-model', 'codeguruprofiler get-profile',
  'workmailmessageflow get-raw-message-content', 'lakeformation get-work-unit-results', 'omics get-read-set', 'omics get-reference',
  'backupstorage get-chunk',
]);

/** `aws configure` sub-commands that only read; every other one (`set`, `import`, `sso`, the bare prompt) writes under ~/.aws. */
const CONFIGURE_READS = new Set(['get', 'list', 'list-profiles', 'export-credentials', 'help']);

/** The user settings `aws codeartifact login --tool T` has T write. */
const CODEARTIFACT_TOOLS: Readonly<Record<string, readonly string[]>> = {
  npm: ['~/.npmrc'],
  pip: ['~/.config/pip/pip.conf', '~/.pip/pip.conf'],
  twine: ['~/.pypirc'],
  dotnet: ['~/.nuget/NuGet/NuGet.Config'],
  nuget: ['~/.nuget/NuGet/NuGet.Config'],
  swift: ['~/.swiftpm/configuration/registries.json', '~/.netrc'],
};

/** The service and operation words (`aws --region r eks update-kubeconfig`), and where the operation's own words start. */
function commandWords(args: readonly Arg[]): { service: Arg; operation: Arg | undefined; next: number } | undefined {
  const found: number[] = [];
  let i = 1;
  for (; i < args.length && found.length < 2; i++) {
    const v = (args[i] as Arg).value;
    if (v.startsWith('--') && (args[i] as Arg).dynamic === null) {
      if (GLOBAL_VALUED.has(v)) i++;
      continue;
    }
    found.push(i);
  }
  const service = found[0] === undefined ? undefined : args[found[0]];
  if (service === undefined) return undefined;
  return { service, operation: found[1] === undefined ? undefined : args[found[1]], next: i };
}

/**
 * The operands of a generated operation: each `--name` takes the next word as its value unless it
 * is a flag (`--no-…` included), written `--name=VALUE` or followed by another option. A word
 * built at run time may be an option or the file, so it counts as an operand.
 */
function generatedOperands(args: readonly Arg[], from: number): Arg[] {
  const operands: Arg[] = [];
  for (let i = from; i < args.length; i++) {
    const a = args[i] as Arg;
    const known = knownPrefix(a);
    if (!a.value.startsWith('--') || (a.dynamic !== null && !known.includes('='))) operands.push(a);
    // argparse takes no value that starts with `--`: `--dry-run --image-id x` is a flag.
    else if (!known.includes('=') && !FLAGS.has(a.value) && !a.value.startsWith('--no-') && !(args[i + 1]?.value.startsWith('--') ?? false)) i++;
  }
  return operands;
}

/** Options of the hand-written commands below whose values name files or pick what is written. */
const CUSTOM: Options = {
  valued: '',
  long: ['--kubeconfig', '--name', '--role-arn', '--alias', '--user-alias', '--output-template-file', '--template-file', '--s3-bucket',
    '--s3-prefix', '--kms-key-id', '--tool', '--domain', '--domain-owner', '--repository', '--namespace', '--duration-seconds',
    '--endpoint-url', '--profile', '--region', '--output', '--query', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout',
    '--color', '--cli-binary-format', '--metadata'],
  flags: ['--dry-run', '--verbose', '--use-json', '--force-upload', '--debug'],
};

/** The local files an `aws` command other than `aws s3 cp|mv|sync` writes. */
export function awsCommandWrites(args: readonly Arg[]): OperandWrite[] {
  const command = commandWords(args);
  if (command === undefined) return [];
  const { service, operation, next } = command;
  const known = service.dynamic === null && (operation === undefined || operation.dynamic === null);
  const named = known ? `${service.value} ${operation?.value ?? ''}`.trim() : null;
  const by = `aws ${named ?? 'command'}`;
  if (service.dynamic === null && service.value === 'configure') {
    return operation?.dynamic === null && CONFIGURE_READS.has(operation.value) ? [] : [tree(madeArg('~/.aws'), by)];
  }
  if (named === 'eks update-kubeconfig') {
    const w = readWords(args, next, CUSTOM);
    const files = valuesOf(w, '--kubeconfig');
    return files.length > 0 ? files.map((f) => content(f, by)) : [content(madeArg('~/.kube/config'), by)];
  }
  if (named === 'cloudformation package') {
    return valuesOf(readWords(args, next, CUSTOM), '--output-template-file').map((f) => content(f, by));
  }
  if (named === 'codeartifact login') {
    const w = readWords(args, next, CUSTOM);
    if (has(w, '--dry-run')) return [];
    const tool = valuesOf(w, '--tool').pop();
    const files = tool !== undefined && tool.dynamic === null ? CODEARTIFACT_TOOLS[tool.value] ?? [] : Object.values(CODEARTIFACT_TOOLS).flat();
    return [...new Set(files)].map((f) => content(madeArg(f, tool?.dynamic ?? null), `${by} --tool ${tool?.value ?? ''}`.trimEnd()));
  }
  // The rest of the hand-written commands take no file operand (`aws s3 ls s3://b`, `aws configure get k`).
  if (service.dynamic === null && (service.value === 's3' || service.value === 'configure' || service.value === 'help')) return [];
  if (operation?.dynamic === null && operation.value === 'help') return [];
  const operands = generatedOperands(args, next).filter((a) => !isStdio(a));
  if (named !== null && STREAMING.has(named)) {
    const file = operands[operands.length - 1];
    return file === undefined ? [] : [content(file, by)];
  }
  // An operation not known to stream may still save its body to a word read as an operand, or
  // the word is a value misread (`--instance-ids i-1 i-2`): only rules naming it count. A service
  // or operation known only at run time may be one of the commands above.
  const guessed = known ? [] : [tree(madeArg('~/.aws'), by), content(madeArg('~/.kube/config'), by)].map(ruleOnlyWrite);
  return [...guessed, ...operands.map((a) => ruleOnlyWrite(content(a, by)))];
}
