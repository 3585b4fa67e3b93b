// Mounting over a folder, or taking a mount away, changes everything that folder holds as surely
// as writing it (`mount --bind /tmp/x .github` shows other files at .github): the mount point is
// a tree write. `mount`/`umount`, `fusermount -u`, and the FUSE file systems that mount a source
// at their last operand (bindfs, sshfs, squashfuse, rclone mount, s3fs, gocryptfs…).
import { madeArg, readWords, treeWrite as tree, type OperandWrite, type ProgramWrites } from './operand-words.ts';
import type { Arg } from './words.ts';

/** mount's options that take a value (util-linux). */
const MOUNT_VALUED = 'tOoLUTN';
const MOUNT_LONG = ['--types', '--test-opts', '--options', '--label', '--uuid', '--fstab', '--namespace', '--source', '--target',
  '--target-prefix', '--options-mode', '--options-source', '--map-users', '--map-groups', '--onlyonce'];

/**
 * `mount [OPTIONS] [SOURCE] DIR`, `mount --bind|--rbind|--move OLD NEW`, `mount --target DIR`:
 * the mount point. A single operand is a device or a mount point from fstab, so it may be either.
 * `mount -a` mounts what fstab lists, which is not known here.
 */
function mountCommandWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: MOUNT_VALUED, long: MOUNT_LONG });
  const targets = w.values.get('--target') ?? [];
  if (targets.length > 0) return targets.map((d) => tree(d, 'mount --target'));
  if (w.flags.has('-a') || w.flags.has('--all')) return [tree(madeArg('*', 'the mount points fstab lists'), 'mount -a')];
  const point = w.operands[w.operands.length - 1];
  return point === undefined ? [] : [tree(point, 'mount')];
}

/** `umount DIR…`, `fusermount -u DIR`: what was mounted there goes, and what lay below shows again. */
function unmountWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: name === 'umount' ? 'tONq' : '', long: ['--types', '--test-opts', '--namespace'] });
  if (name !== 'umount' && !w.flags.has('-u') && !w.flags.has('-z')) return mountPointWrites(args, name);
  if (w.flags.has('-a') || w.flags.has('--all')) return [tree(madeArg('*', 'every mount point'), `${name} -a`)];
  return w.operands.map((d) => tree(d, name));
}

/** FUSE file systems given `SOURCE… MOUNTPOINT` (options anywhere; `-o OPTS` takes a value); fuse-overlayfs takes its sources in -o. */
function mountPointWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: name === 'sshfs' ? 'opF' : 'o', long: ['--options', '--config', '--mirror', '--mirror-only', '--map', '--create-for-user', '--create-for-group'] });
  const operands = name === 'rclone' ? w.operands.slice(1) : w.operands;
  if (name === 'rclone' && w.operands[0]?.value !== 'mount' && w.operands[0]?.value !== 'nfsmount') return [];
  const point = operands[operands.length - 1];
  // A lone operand is the source with the mount point missing, or a program's own sub-command.
  return point === undefined || (operands.length < 2 && name !== 'fuse-overlayfs') ? [] : [tree(point, name)];
}

const FUSE_MOUNTERS = ['bindfs', 'sshfs', 'squashfuse', 'fuse-overlayfs', 's3fs', 'gocryptfs', 'encfs', 'archivemount', 'mergerfs',
  'unionfs', 'unionfs-fuse', 'fuse-zip', 'ntfs-3g', 'rclone', 'goofys', 'mount.fuse', 'mount.fuse3', 'davfs2', 'mount.davfs', 'httpdirfs',
  'fuse2fs', 'ratarmount', 'curlftpfs', 'rar2fs'];

const MOUNTERS = new Map<string, ProgramWrites>([
  ['mount', mountCommandWrites], ['umount', unmountWrites], ['fusermount', unmountWrites], ['fusermount3', unmountWrites],
  ...FUSE_MOUNTERS.map((n): [string, ProgramWrites] => [n, mountPointWrites]),
]);

/** The mount points the programs this file knows cover, or null for any other name. */
export function mountWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = MOUNTERS.get(name);
  return writes === undefined ? null : writes(args, name);
}
