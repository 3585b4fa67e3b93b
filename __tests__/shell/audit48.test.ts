// Audit 48: what the shell evaluator did not see. Every deny and ask row was allow before, but
// those marked "as before"; the allow rows are the same programs writing nothing a rule names.
// The workspace is /work/repo and the home folder /home/dev (helpers/policy.ts).
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable, writesPolicy } from '../helpers/shell-table.ts';

const aws = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["aws *"]}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**", "~/.aws/**", "~/.kube/**", ".github/**", "~/.npmrc", "~/.pypirc"]}
` }, ['.github/agent-gate.yml']);

// BM-1: only `aws s3 cp|mv|sync`, `s3api get-object` and `lambda invoke` were read for the files
// they write. Kiro's use_aws runs the same commands (logs/tools/kiro.ts).
shellTable(aws, 'audit 48, BM-1: the AWS CLI writing local files', [
  ...rowsOf('deny', 'hand-written commands that write settings or a template',
    'aws cloudformation package --template-file t.yml --s3-bucket b --output-template-file .github/workflows/x.yml',
    'aws cloudformation package --template-file t.yml --s3-bucket b --output-template-file=.github/workflows/x.yml',
    'aws eks update-kubeconfig --name c',
    'aws --region us-east-1 eks update-kubeconfig --name c --alias a',
    'aws eks update-kubeconfig --name c --kubeconfig secrets/kc',
    'aws configure set aws_access_key_id X',
    'aws configure set region eu-west-1 --profile p',
    'aws configure import --csv file://k.csv',
    'aws configure',
    'aws configure sso',
    'aws configure "$x" y',
    'aws codeartifact login --tool npm --domain d --repository r',
    'aws codeartifact login --tool twine --domain d --repository r',
    'aws codeartifact login --tool "$t" --domain d --repository r',
  ),
  ...rowsOf('deny', 'generated operations that save their body to OUTFILE',
    'aws polly synthesize-speech --text hi --voice-id Joanna --output-format mp3 .github/workflows/x.yml',
    'aws s3api get-object-torrent --bucket b --key k .github/workflows/x.yml',
    'aws sagemaker-runtime invoke-endpoint --endpoint-name e --body b secrets/out',
    'aws iot-data get-thing-shadow --thing-name t .github/workflows/x.yml',
    'aws glacier get-job-output --account-id - --vault-name v --job-id j secrets/x',
    'aws bedrock-runtime invoke-model --model-id m --body b secrets/out',
  ),
  ...rowsOf('deny', 'an operation not known to stream: a word that is no option value is judged by the rules that name it',
    'aws some-new-service get-blob --id 1 .github/workflows/x.yml',
    'aws ec2 run-instances --dry-run --image-id x secrets/x',
    'aws $svc $op .github/x',
    'aws "$svc" set k v',
  ),
  ...rowsOf('deny', 'as before the fix: lambda invoke, now one streaming operation of many',
    'aws lambda invoke --function-name f --no-cli-pager secrets/out',
    'aws lambda invoke --function-name f --log-type Tail secrets/out',
  ),
  ...rowsOf('ask', 'OUTFILE of a streaming operation that no rule covers', 'aws polly synthesize-speech --text hi --voice-id j --output-format mp3 out.mp3'),
  ...rowsOf('allow', 'reads, dry runs, and words only values or unnamed by any rule',
    'aws configure get region', 'aws configure list', 'aws configure list-profiles', 'aws configure help',
    'aws codeartifact login --tool npm --domain d --repository r --dry-run',
    'aws iot-data get-thing-shadow --thing-name t src/x.json',
    'aws ec2 describe-instances --instance-ids i-1 i-2',
    'aws s3api head-bucket --bucket secrets',
    'aws ec2 run-instances --dry-run --image-id secrets',
    'aws some-new-service get-blob --id 1 out.bin',
    'aws s3 ls s3://b', 'aws help', 'aws ec2 help',
    'aws cloudformation package --template-file t.yml --s3-bucket b',
    'aws eks update-kubeconfig --name c --kubeconfig src/kc',
  ),
]);

// BL-4: three ways to move the branch checked out here were not held as a checkout, after which
// `git reset --hard` (HEAD's own tree) writes what they brought, the policy file included.
shellTable(writesPolicy(), 'audit 48, BL-4: moving the checked-out branch', [
  ...rowsOf('ask', 'fast-import may commit to the branch checked out here',
    'git fast-import --quiet < stream', 'git fast-import < stream && git reset --hard', 'git fast-import --force --date-format=now < s'),
  ...rowsOf('ask', 'update-ref or reset with the commit xargs fills in',
    'git commit-tree HEAD^{tree} -p HEAD -m x | xargs git update-ref refs/heads/main',
    'git rev-parse x | xargs git update-ref HEAD',
    'echo x | xargs git reset --hard'),
  ...rowsOf('ask', 'as before the fix: -I puts the commit where VALUE stands', 'echo x | xargs -I{} git update-ref refs/heads/main {}'),
  ...rowsOf('ask', 'receive.denyCurrentBranch set to let a push move the checked-out branch',
    'git config receive.denyCurrentBranch updateInstead && git push . x:main',
    'git config receive.denyCurrentBranch ignore',
    'git config set receive.denycurrentbranch warn',
    'git config --local receive.denyCurrentBranch "$v"'),
  ...rowsOf('allow', 'refs that are not the checked-out branch, refuse, and what writes no ref',
    'echo x | xargs git update-ref refs/tags/v1', 'echo x | xargs git update-ref -d refs/heads/x',
    'git config receive.denyCurrentBranch refuse', 'git fast-export HEAD', 'git config --get receive.denyCurrentBranch'),
]);

// BL-3: a value bash evaluates as arithmetic runs the `$( )` in its subscript. `$_` was followed
// as a variable named `_`, and the subscript-text check read a brace expansion (`{x,\$}`) as
// written, so a `$(` that only the expansion makes went unseen.
const arith = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["echo *", "set *", "which *"]}
  - {capability: shell, effect: deny, match: ["rm *"]}
` }, ['.github/agent-gate.yml']);

shellTable(arith, 'audit 48, BL-3: arithmetic on $_, positional parameters and BASH_REMATCH', [
  ...rowsOf('ask', 'a `$(` a brace expansion or a static variable puts in a subscript reaches arithmetic',
    'echo "a["{x,\\$}"(rm y)]" >/dev/null; echo $(( $_ ))',
    'echo a[{x,\\$}\\(rm y\\)] >/dev/null; echo $(( $_ ))',
    'echo "a["{\\$,x}"(rm y)]"; (( _ ))',
    'echo "a["{x,{y,\\$}}"(rm y)]"; (( _ ))',
    'd=\\$; echo "a[${d}(rm -rf y)]" >/dev/null; echo $(( $_ ))',
    'set -- "a["{x,\\$}"(rm y)]"; echo $(( $2 ))',
    'd=\\$; [[ "a[${d}(rm y)]" =~ .+ ]]; echo $(( BASH_REMATCH ))',
    'which "a["{x,\\$}"(rm -rf ~)]"; which ${!_}',
    'which "a["{x,\\$}"(rm -rf ~)]"; [[ -v $_ ]]',
  ),
  ...rowsOf('ask', 'as before the fix: a quoted `$` in the brace list', "echo a[{x,'$'}\\(rm y\\)]; (( _ ))"),
  ...rowsOf('allow', 'brace expansions and $_ that bring no subscript',
    'echo {a,b}; echo $((1+2))', 'echo {a,b}x; echo $(( $_ ))', 'x=1; echo $(( _ + x ))', 'echo "a["{x,y}"]"; echo $(( $_ ))'),
]);

shellTable(policyOf({}), 'audit 48, BL-3: under the built-in scopes alone', [
  ...rowsOf('ask', 'which is allowed by the default scope', 'which "a["{x,\\$}"(rm -rf ~)]"; which $(( $_ ))'),
]);

// BL-2: rsync --link-dest=DIR hard-links DIR's unchanged files into the destination (a relative
// DIR read from the destination), as `cp -al` does; a write there rewrote DIR's file unseen.
const rsync = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["echo *", "cp *", "rsync *", "sed *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**", "/tmp/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**", ".github/**", "**/.env"]}
` }, ['.github/agent-gate.yml']);

shellTable(rsync, 'audit 48, BL-2: rsync --link-dest', [
  ...rowsOf('ask', 'a write into the destination may land in the --link-dest folder',
    'cp -p secrets/k src/k; rsync -a --link-dest=../secrets src/ out/; echo x > out/k',
    'rsync -a --link-dest ../secrets src/ out/ && echo x > out/k',
    'rsync -a --link-d=../secrets src/ out/ && sed -i s/a/b/ out/k',
    'rsync -a --link-dest=/tmp/prev src/ out && echo x > out/src/k'),
  ...rowsOf('ask', 'as before the fix: an option value only known at run time', 'rsync -a --link-dest="$d" src/ out/'),
  ...rowsOf('allow', 'no --link-dest, or nothing written through the destination after it',
    'rsync -a src/ out/ && echo x > out/k', 'rsync -a --link-dest=/tmp/prev src/ out/', 'rsync -a --copy-dest=../secrets src/ out/ && echo x > out/k',
    'rsync -a --link-dest=../prev src/ out/ && echo x > src/k'),
]);

// BL-1: only git and npm were judged without the global options before their sub-command.
const globals = policyOf({ workspace: `rules:
  - capability: shell
    effect: allow
    match: ["terraform *", "kubectl *", "docker *", "cargo *", "aws *", "helm *", "go *", "uv *", "poetry *"]
  - capability: shell
    effect: deny
    match: ["terraform destroy*", "kubectl delete*", "docker rm*", "cargo publish*", "aws s3 rm*", "helm uninstall*", "go clean*", "uv publish*", "poetry publish*"]
` }, ['.github/agent-gate.yml']);

shellTable(globals, 'audit 48, BL-1: global options before a sub-command', [
  ...rowsOf('deny', 'the sub-command a deny names, after global options',
    'terraform -chdir=infra destroy', 'kubectl --context prod delete pod x', 'kubectl -n x delete pod x', 'docker -H x rm c',
    'docker --context c -D rm c', 'cargo +nightly publish', 'cargo --locked publish', 'aws --profile p s3 rm s3://x', 'helm -n x uninstall r',
    'go -C x clean', 'uv --quiet publish', 'poetry --directory x publish', '/usr/bin/terraform -chdir=x destroy -auto-approve'),
  ...rowsOf('deny', 'both readings of an option without =: its value may be the sub-command', 'kubectl -n delete get pods'),
  ...rowsOf('allow', 'other sub-commands after global options',
    'terraform -chdir=infra plan', 'kubectl -n x get pods', 'docker -H x ps', 'cargo +nightly build', 'go -C x build ./...', 'aws --profile p s3 ls'),
]);
