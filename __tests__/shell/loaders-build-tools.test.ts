// Programs that run code from files the same command just wrote, beyond make, npm and pytest
// (found while checking audit 35 YY-1): deno and bun after their `run`/`test` sub-command, more
// interpreters, and build tools that compile and run what their sources and build files say.
// Every ask row was allow before.
import { auditPolicy, rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = auditPolicy();

shellTable(policy, 'interpreters and build tools that run a file this command wrote', [
  ...rowsOf('ask', 'the program runs or loads the file written',
    'echo x > src/s; bun run src/s',
    'echo x > src/s; bun src/s',
    'echo x > src/s; deno run -A src/s',
    'echo x > src/s; deno test src/s',
    'echo x > src/deno.json; deno task x',
    'echo x > src/s; tclsh src/s',
    'echo x > src/s; expect src/s',
    'echo x > src/s; java src/s',
    'echo x > src/s; osascript src/s',
    'echo x > src/build.rs; cargo check',
    'echo x > src/Cargo.toml; cargo build --manifest-path src/Cargo.toml',
    'echo x > src/a.go; go test ./src',
    'echo x > src/a.go; go run ./src',
    'echo x > src/a.go; go generate ./src',
    'echo x > src/build.gradle; ./gradlew build',
    'echo x > src/build.gradle.kts; gradle -p src build',
    'echo x > src/pom.xml; mvn -f src test',
    'echo x > src/Rakefile; rake -f src/Rakefile',
    'echo x > src/justfile; just -f src/justfile x',
    'echo x > src/Taskfile.yml; task -d src x',
    'echo x > src/CMakeLists.txt; cmake -S src -B /tmp/b',
    'echo x > src/noxfile.py; nox -f src/noxfile.py',
    'echo x > src/tox.ini; tox -c src',
  ),
  ...rowsOf('allow', 'nothing the program runs was written here',
    'echo x > src/t; deno run -A src/s',
    'echo x > src/lib.rs; cargo fmt',
    'echo x > src/a.go; go vet ./src',
    'echo x > src/a.go; go list ./src',
    'echo x > src/a.txt; cargo build',
    'echo x > src/a; java -version',
    'echo x > src/a; bun --version',
    'echo x > src/a; node -v',
    'cargo build && go test ./...',
  ),
]);
