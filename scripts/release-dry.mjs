#!/usr/bin/env node
// `npm run release:dry`: shows what `lerna version` would do — which packages get which new
// version and the changelog entries generated from Conventional Commits — without touching
// this checkout. It runs lerna in a throw-away clone and prints the resulting diff.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const clone = mkdtempSync(join(tmpdir(), 'trellis-release-'));
const run = (command, args, options = {}) => execFileSync(command, args, { cwd: clone, encoding: 'utf8', ...options });

try {
  execFileSync('git', ['clone', '--quiet', root, clone]);
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  run('git', ['config', 'user.email', 'release@trellis.invalid']);
  run('git', ['config', 'user.name', 'Trellis release preview']);
  const lerna = join(root, 'node_modules', '.bin', 'lerna');
  process.stdout.write(run(lerna, ['changed', '--long', '--all'], { stdio: ['ignore', 'pipe', 'inherit'] }));
  run(lerna, ['version', '--conventional-commits', '--no-push', '--no-git-tag-version', '--yes', '--loglevel', 'warn'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  process.stdout.write('\nWhat a release would change:\n\n');
  process.stdout.write(run('git', ['--no-pager', 'diff', '--stat']));
  process.stdout.write(run('git', ['--no-pager', 'diff', '--', '*/CHANGELOG.md', '*/package.json']));
} finally {
  rmSync(clone, { recursive: true, force: true });
}
