#!/usr/bin/env node
// `npm run dev`: TypeScript in watch mode, the server restarted on every rebuild, and the admin
// UI on Vite's dev server (http://127.0.0.1:5173, API proxied to the server on :3000).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const build = spawnSync('npx', ['tsc', '-b'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [
  ['tsc', 'npx', ['tsc', '-b', '--watch', '--preserveWatchOutput']],
  ['server', 'node', ['--watch-path=core/dist', '--watch-path=sdk/dist', 'core/dist/cli/main.js', 'start']],
  ['admin-ui', 'npm', ['run', 'dev', '-w', '@trellis/admin-ui']],
].map(([name, command, args]) => {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = (chunk) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout.on('data', (chunk) => process.stdout.write(prefix(chunk)));
  child.stderr.on('data', (chunk) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code) => {
    process.stderr.write(`[${name}] exited with ${code}\n`);
    stop(code ?? 1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
if (!existsSync('admin-ui/node_modules') && !existsSync('node_modules/vite')) process.stderr.write('Run npm install first.\n');
