// `certcheck probe ARGS` as its own process, for the probe tests (asynchronously: their TLS
// servers live in the test's process). Killed if it outlives 60 s.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'target', 'debug', 'certcheck');

/** Run `certcheck probe ARGS`; resolves to {status, stdout, stderr, ms}. */
export function runProbe(args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(BIN, ['probe', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      assert.equal(signal, null, 'the probe ended by itself');
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}
