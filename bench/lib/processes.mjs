import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * A server started as a child process. Its stdout and stderr go to `logFile`; `urlPattern`
 * finds the base URL it prints once it listens (both servers are started on port 0).
 */
export async function startServer({ name, args, env, logFile, urlPattern, timeoutMs = 60_000 }) {
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not report its address within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk.toString();
      const match = urlPattern.exec(seen);
      if (match) {
        cleanup();
        resolve(match[1]);
      }
    };
    const onExit = ({ code, signal }) => fail(new Error(`${name} exited before listening (code ${code}, signal ${signal})`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
    }
    function fail(error) {
      cleanup();
      reject(error);
    }
    child.stdout.on('data', onData);
    exited.then(onExit);
  }).catch(async (error) => {
    child.kill('SIGKILL');
    await exited;
    log.end();
    error.message += `\n--- ${name} log (${logFile}) ---\n${await tail(logFile)}`;
    throw error;
  });

  let stopped;
  return {
    name,
    url,
    pid: child.pid,
    logFile,
    exited,
    /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. Safe to call twice. */
    stop(graceMs = 10_000) {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        await new Promise((resolve) => log.end(resolve));
        return exited;
      })();
      return stopped;
    },
    /** Kills at once, synchronously (for process-exit handlers). */
    killNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The last lines of a log file, for error messages. */
export async function tail(file, lines = 40) {
  try {
    return (await readFile(file, 'utf8'))
      .split('\n')
      .slice(-lines)
      .map((line) => (line.length > 1500 ? `${line.slice(0, 700)} …[${line.length - 1400} characters]… ${line.slice(-700)}` : line))
      .join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls `url` until it answers 200. */
export async function waitForOk(url, server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline)
      throw new Error(`${url} was not ready within ${timeoutMs / 1000} s (last: ${last})\n${await tail(server.logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
