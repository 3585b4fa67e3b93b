// launchctl load|bootstrap and systemctl link|enable PATH install jobs from a file, whose
// programs run then and later, as crontab's lines do: they ask. The ask rows were allow before.
import { auditPolicy, rowsOf, shellTable, type ShellRow } from '../helpers/shell-table.ts';

export const JOB_INSTALLERS: readonly ShellRow[] = [
  ...rowsOf('ask', 'a job installed from a file runs later, not judged here',
    'launchctl load ~/Library/LaunchAgents/x.plist', 'launchctl load -w x.plist', 'launchctl bootstrap gui/501 x.plist',
    'systemctl --user link /work/x.service', 'systemctl enable --now ./x.service', 'systemctl --user reenable src/x.service',
    'sudo systemctl link /srv/y.service', 'systemctl "$verb" "$unit"'),
  ...rowsOf('allow', 'jobs already installed, listing, unloading',
    'launchctl list', 'launchctl unload x.plist', 'launchctl bootout gui/501/x', 'systemctl enable nginx', 'systemctl start x',
    'systemctl restart "$svc"', 'systemctl --user status x.service', 'systemctl daemon-reload'),
];

shellTable(auditPolicy(), 'programs that install jobs from a file ask', JOB_INSTALLERS);
