/** Resolving `copydesk.path`: absolute, relative to the workspace, on PATH, and the error text. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

import { resolveBinary, type ResolveEnv } from '../src/binary';

function sandbox(): { dir: string; exe: string; plain: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-bin-'));
  const exe = path.join(dir, 'copydesk');
  fs.writeFileSync(exe, '#!/bin/sh\n');
  fs.chmodSync(exe, 0o755);
  const plain = path.join(dir, 'not-executable');
  fs.writeFileSync(plain, 'text');
  fs.chmodSync(plain, 0o644);
  return { dir, exe, plain };
}

function env(dir: string, extra: Partial<ResolveEnv> = {}): ResolveEnv {
  return { env: { PATH: ['/nonexistent', dir].join(path.delimiter) }, platform: 'linux', home: dir, ...extra };
}

test('finds a bare command name on PATH', () => {
  const { dir, exe } = sandbox();
  assert.deepEqual(resolveBinary('copydesk', env(dir)), { ok: true, path: exe });
});

test('uses the default name when the setting is empty', () => {
  const { dir, exe } = sandbox();
  assert.deepEqual(resolveBinary('  ', env(dir)), { ok: true, path: exe });
});

test('accepts an absolute path to an executable file', () => {
  const { exe } = sandbox();
  assert.deepEqual(resolveBinary(exe, env('/nonexistent')), { ok: true, path: exe });
});

test('resolves a relative path against the workspace folder', () => {
  const { dir, exe } = sandbox();
  const where = env('/nonexistent', { workspaceFolder: path.dirname(dir) });
  assert.deepEqual(resolveBinary(path.join(path.basename(dir), 'copydesk'), where), { ok: true, path: exe });
});

test('expands a leading tilde to the home directory', () => {
  const { dir, exe } = sandbox();
  assert.deepEqual(resolveBinary('~/copydesk', env('/nonexistent', { home: dir })), { ok: true, path: exe });
});

test('rejects a file without the executable bit', () => {
  const { plain } = sandbox();
  const result = resolveBinary(plain, env('/nonexistent'));
  assert.equal(result.ok, false);
});

test('names the setting when the binary is missing', () => {
  const { dir } = sandbox();
  const result = resolveBinary('copydesk-missing', env(dir));
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.message.includes('copydesk.path'), 'message names the setting');
  assert.ok(!result.ok && result.message.includes('copydesk-missing'), 'message names the value');
});

test('explains a relative path with no folder open', () => {
  const result = resolveBinary('bin/copydesk', env('/nonexistent'));
  assert.ok(!result.ok && result.message.includes('no folder is open'));
});

test('tries PATHEXT extensions on Windows', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-win-'));
  const exe = path.join(dir, 'copydesk.exe');
  fs.writeFileSync(exe, '');
  const where: ResolveEnv = { env: { PATH: dir, PATHEXT: '.COM;.EXE' }, platform: 'win32', home: dir };
  assert.deepEqual(resolveBinary('copydesk', where), { ok: true, path: exe });
});
