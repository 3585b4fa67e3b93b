// A mount over a folder, or taking one away, changes everything the folder holds: the mount point
// is a tree write (mount, umount, fusermount -u and FUSE file systems). Every deny and ask row was
// allow before; the allow rows must stay allowed.
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

export const MOUNTS: readonly ShellRow[] = [
  ...rowsOf('deny', 'the mount point is written as a whole',
    'mount --bind /tmp/x secrets', 'sudo mount -o bind /tmp/x secrets', 'mount -B /tmp/x secrets', 'mount --rbind /tmp/x secrets',
    'mount --move /mnt/a secrets', 'mount -t tmpfs none secrets', 'mount /dev/sdb1 secrets/keys', 'mount --target secrets /dev/sdb1',
    'umount secrets', 'umount -l secrets', 'fusermount -u secrets', 'fusermount3 -uz secrets',
    'bindfs /tmp/x secrets', 'sshfs host:/x secrets', 'sshfs host:/x secrets -p 22', 'sshfs -o allow_other host:/x secrets',
    'squashfuse a.sqsh secrets', 'rclone mount remote: secrets', 'archivemount a.tar secrets', 'fuse-overlayfs -o lowerdir=/a secrets',
    'unshare -m sh -c "mount --bind /tmp/x secrets"', 'gocryptfs /tmp/c secrets'),
  ...rowsOf('ask', 'a mount point outside the rules, or only known from fstab', 'mount /mnt/usb', 'mount -a', 'mount --bind /tmp/x docs'),
  ['mount --bind /tmp/x .', 'ask', 'a folder that holds protected paths, as for tar -x into it'],
  ...rowsOf('allow', 'listing, and mount points the policy allows', 'mount', 'mount -l', 'findmnt', 'mount -t tmpfs none /tmp/x',
    'umount /tmp/x', 'sshfs host:/x /tmp/m', 'mount --bind /tmp/cache src/cache', 'rclone copy remote: /tmp/x', 'rclone ls remote:',
    'fusermount -u /tmp/m'),
];

shellTable(writesPolicy(), 'mounting over a folder writes what it holds', MOUNTS);
