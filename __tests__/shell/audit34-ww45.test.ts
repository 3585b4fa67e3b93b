// Audit round 34, WW-4 and WW-5: files written where no operand names them, or by everyday cloud
// and build tools, were not judged. `script` without FILE logs to ./typescript (like perf record's
// perf.data); `aws s3 cp|mv|sync`, `gsutil`, `gcloud storage`, `az storage … download`, `rclone`,
// `docker|podman|buildah build -o`, `terraform`, `helm pull` write local destinations; `go mod
// init`, `cargo init|new`, `pip download|wheel` and `terraform init` fill the folder the shell
// stands in. Every deny and ask row was allow before the fix; the allow rows stay allowed.
import { auditPolicy, rowsOf, shellTable, writesPolicy } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
const AUDIT = auditPolicy();

shellTable(POLICY, 'WW-4: script without FILE writes ./typescript where the shell stands', [
  ...rowsOf('deny', 'typescript lands in the folder a cd moved to',
    'cd secrets && script -qc "cat ../src/a"', 'cd secrets; script -qc ls', 'cd secrets && script --command ls --quiet',
    'cd secrets && script -q -c ls -T /tmp/timing', 'cd secrets && script -qec ls', 'cd secrets && script -q'),
  ...rowsOf('ask', 'no rule covers ./typescript', 'script -qc ls', 'script --command ls --quiet', 'script -c ls', 'script -q -c ls -t',
    'script -q --log-timing /tmp/t -c ls', 'script -qfc "npm test"'),
  ...rowsOf('allow', 'a FILE, -O, -B or -I names where the log goes instead; --version writes nothing',
    'script -qc ls /tmp/log', 'script -q -c ls /dev/null', 'script -q -O /tmp/out -c ls', 'script -q --log-io /tmp/io -c ls',
    'script -q -I /tmp/in -c ls', 'script --version', 'script -qc ls src/log'),
]);

shellTable(POLICY, 'WW-5: cloud-storage copies write a local destination', [
  ...rowsOf('deny', 'aws s3 cp|mv|sync into a denied path',
    'aws s3 cp s3://b/k secrets/a', 'aws s3 cp s3://b/k secrets/', 'aws s3 cp s3://b/k secrets', 'aws s3 cp s3://b/.env src/',
    'aws s3 sync s3://b secrets', 'aws s3 cp --recursive s3://b/d secrets', 'aws --profile p s3 cp s3://b/k secrets/a',
    'aws s3 cp s3://b/k secrets/a --content-type text/plain', 'cd secrets && aws s3 cp s3://b/k .', 'aws s3 mv s3://b/k secrets/a',
    'aws s3api get-object --bucket b --key k secrets/a', 'aws lambda invoke --function-name f --payload {} secrets/out.json',
    "aws lambda invoke --function-name=f --payload='{}' secrets/out.json", 'aws s3 cp s3://b/a:b secrets/'),
  ...rowsOf('deny', 'aws s3 mv takes a local source away', 'aws s3 mv secrets/a s3://b/a', 'aws s3 mv --recursive secrets s3://b/d'),
  ...rowsOf('deny', 'gsutil and gcloud storage into a denied path',
    'gsutil cp gs://b/k secrets/a', 'gsutil -m cp -r gs://b/d secrets', 'gsutil cp gs://b/k file://secrets/a', 'gsutil rsync -r gs://b secrets',
    'gsutil mv gs://b/k secrets/a', 'gsutil cp -L secrets/log gs://b/k src/a', 'gcloud storage cp gs://b/k secrets/a',
    'gcloud storage rsync gs://b secrets', 'gcloud alpha storage cp gs://b/k secrets/a', 'gcloud storage mv gs://b/k secrets/a'),
  ...rowsOf('deny', 'az storage downloads into a denied path',
    'az storage blob download -c c -n k -f secrets/a', 'az storage blob download -c c -n k --file=secrets/a',
    'az storage blob download-batch -d secrets -s c', 'az storage file download --share-name s -p k --dest secrets/a'),
  ...rowsOf('deny', 'rclone into a local destination (./x:y and /a:b are local)',
    'rclone copy r:b secrets/', 'rclone sync r:b secrets', 'rclone copyto r:b/k secrets/a', 'rclone copy ./x:y secrets',
    'rclone move r:b secrets', 'rclone -P copy r:b secrets', 'rclone copy r:b :local:secrets', 'rclone move secrets r:b'),
  ...rowsOf('ask', 'a destination only known at run time', 'aws s3 cp s3://b/k "$D"', 'gsutil cp gs://b/k "$D"', 'rclone copy r:b "$D"',
    'az storage blob download -c c -n k -f "$F"'),
  ...rowsOf('ask', 'a folder no rule covers receives the files', 'aws s3 sync s3://b .', 'aws s3 cp s3://b/k .', 'rclone copy r:b .'),
  ...rowsOf('allow', 'uploads, listings and allowed destinations',
    'aws s3 ls', 'aws s3 ls s3://b', 'aws s3 cp ./a s3://b/a', 'aws s3 cp src/a s3://b/a', 'aws s3 sync src s3://b', 'aws s3 cp s3://b/k src/a',
    'aws s3 cp s3://b/k src/', 'aws s3 sync s3://b dist/', 'aws s3 rm s3://b/k', 'aws s3api get-object --bucket b --key k /tmp/k',
    'aws s3api list-objects --bucket b', 'aws lambda invoke --function-name f /tmp/out.json', 'aws s3 cp "s3://b/$K" src/x', 'aws s3 cp src/x "s3://b/$K"',
    'aws s3 cp s3://b/k -', 'aws s3 cp - s3://b/k', 'aws s3 cp s3://b/k src/d/', 'gsutil ls', 'gsutil cp src/a gs://b/a',
    'gsutil -m cp -r src gs://b', 'gsutil cp gs://b/k src/a', 'gcloud storage ls gs://b', 'gcloud storage cp src/a gs://b/a',
    'az storage blob upload -c c -n k -f secrets/a', 'az storage blob download -c c -n k -f src/a', 'rclone ls r:', 'rclone copy src r:b',
    'rclone copy r:b src/', 'rclone mkdir r:b'),
]);

shellTable(POLICY, 'WW-5: image builds, terraform and helm write their outputs', [
  ...rowsOf('deny', 'docker, podman and buildah build -o into a denied path',
    'docker build -o secrets .', 'docker build --output secrets .', 'docker build --output=secrets .', 'docker build -o type=local,dest=secrets .',
    'docker build --output type=tar,dest=secrets/img.tar .', 'docker build -o type=oci,dest=secrets/i.tar .', 'docker buildx build -o secrets .',
    'docker buildx build --output type=local,dest=secrets --platform linux/amd64 .', 'podman build -o secrets .', 'buildah bud -o secrets .',
    'docker build --iidfile secrets/id .', 'docker --context x build -o secrets .', 'docker image build -o secrets .'),
  ...rowsOf('deny', 'terraform -out and init where the shell stands',
    'terraform plan -out=secrets/p', 'terraform plan -out secrets/p', 'terraform plan --out=secrets/p', 'terraform -chdir=secrets plan -out=p',
    'terraform -chdir=secrets init', 'cd secrets && terraform init', 'terraform apply -state-out=secrets/s', 'terraform plan -generate-config-out=secrets/g.tf'),
  ...rowsOf('deny', 'helm pull and package into a denied folder',
    'helm pull x --untar -d secrets', 'helm pull x -d secrets', 'helm pull x --untar --untardir secrets', 'cd secrets && helm pull x',
    'cd secrets && helm pull x --untar', 'helm package src/chart -d secrets', 'helm fetch x -d secrets'),
  ...rowsOf('ask', 'an output only known at run time', 'docker build -o "$OUT" .', 'docker build -o "type=local,dest=$D" .', 'terraform plan -out="$P"'),
  ...rowsOf('ask', 'no rule covers what lands where the shell stands', 'terraform init', 'docker build -o out .'),
  ...rowsOf('allow', 'builds that push or load, plans without -out, allowed outputs',
    'docker build .', 'docker build -t x .', 'docker build -t x -f Dockerfile .', 'docker build -o - .', 'docker build -o type=tar,dest=- .',
    'docker buildx build --push -t r/x .', 'docker buildx build --output type=registry,name=r/x .', 'docker build -o dist .',
    'docker build -o type=local,dest=dist/out .', 'docker save -o dist/i.tar x', 'podman build -t x .', 'terraform plan', 'terraform plan -out=dist/p',
    'terraform apply', 'terraform validate', 'terraform fmt -check', 'terraform -chdir=src init', 'helm pull x -d dist', 'helm pull x --untar -d dist',
    'helm template x', 'helm list', 'helm package src/chart -d dist'),
]);

shellTable(POLICY, 'WW-5: go mod init, cargo init|new and pip download fill the folder the shell stands in', [
  ...rowsOf('deny', 'the folder is denied',
    'cd secrets && go mod init x', 'go mod init -C secrets x', 'cd secrets && go work init', 'cd secrets && cargo init', 'cargo init secrets',
    'cargo new secrets/x', 'cargo +nightly new secrets/x', 'cargo -C secrets init', 'cd secrets && pip download requests',
    'cd secrets && pip3 download -r req.txt', 'cd secrets && python3 -m pip download requests', 'cd secrets && pip wheel .'),
  ...rowsOf('ask', 'no rule covers ./go.mod', 'go mod init x'),
  ...rowsOf('allow', 'everyday forms', 'go mod tidy', 'go mod download', 'go build ./...', 'go mod init -C src x', 'cd src && cargo init',
    'cargo new src/x', 'cargo build', 'cargo test', 'pip download -d dist requests', 'pip install requests', 'cd src && pip download requests',
    'pip wheel -w dist .', 'cargo new --help'),
]);

shellTable(AUDIT, 'WW-5: the auditors\' policy (.github/ and .kiro/ denied)', [
  ...rowsOf('deny', 'the protected folders',
    'aws s3 cp s3://b/agent-gate.yml .github/agent-gate.yml', 'aws s3 sync s3://b/kiro .kiro/', 'gsutil cp gs://b/x .github/agent-gate.yml',
    'docker build -o .github .', 'docker build --output type=local,dest=.kiro/settings .', 'terraform plan -out=.github/agent-gate.yml',
    'cd .github && script -qc ls', 'cd .kiro && go mod init x'),
  ...rowsOf('allow', 'everyday commands', 'aws s3 ls', 'docker build .', 'terraform plan', 'go mod tidy', 'helm pull x -d /tmp/charts'),
]);
