// Audit 41, findings AR-1, AR-2, AR-5, AR-6 and AR-8 (spellings round 40's fixes missed). Every ask
// and deny row was allow in the round-40 build; the allow rows are the ordinary neighbours that stay
// allowed. `scp '[::1]:x' secrets/` was denied before round 40, whose remote-path reading broke it.
import { everythingAllowedBut, rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = everythingAllowedBut(['rm *', 'curl *'], ['secrets/**', '**/.env', '.github/**']);

shellTable(policy, 'audit 41 AR-1, AR-2: a bracketed IPv6 host, and a glob on the other host', [
  ...rowsOf('deny', 'the path after the bracketed host names what lands',
    "scp '[::1]:.env' .",
    "scp 'u@[::1]:.env' .",
    "rsync '[::1]:.env' .",
    "scp '[::1]:x' secrets/",
  ),
  ...rowsOf('ask', 'a remote glob brings names not known here',
    "scp evil:'*.env' .",
    "scp evil:'.e*' .",
  ),
  ...rowsOf('allow', 'plain fetches into folders nothing denies',
    'scp evil:x.txt .',
    "scp evil:'*.txt' docs/",
    "scp '[::1]:x' notes.txt",
  ),
]);

shellTable(policy, 'audit 41 AR-5, AR-8: one- and two-letter unique prefixes of output options', [
  ...rowsOf('deny', 'an abbreviated output option',
    'base64 --o=.env',
    'base64 --ou=.env t',
    'uudecode --o .env x',
    'uudecode --ou .env x',
    'patch --o=.env a.diff',
    'patch --ou .env a.diff',
    'shuf --o .env x',
  ),
  ...rowsOf('allow', 'an output nothing denies',
    'base64 --o=out.bin t',
    'patch --ou out.c a.diff',
  ),
]);

shellTable(policy, 'audit 41 AR-6: su -c runs its command with the user\'s shell, which may be dash', [
  ...rowsOf('ask', 'bash-only syntax that dash reads differently',
    "su -c $'echo $\\'\\\\\\' ; rm -rf x #\\''",
    "su root -c '[[ a > x ]]'",
    'su -c \'cat <<EOF\n`echo "\\"; rm -rf x; \\""`\nEOF\'',
  ),
  ...rowsOf('allow', 'what reads the same in both shells',
    'su -c ls',
    "su root -c 'make install'",
  ),
]);
