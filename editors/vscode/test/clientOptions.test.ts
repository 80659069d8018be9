/** The client options: server command, document selector and settings, checked without VS Code. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { LANGUAGES, clientOptions, documentSelector, serverOptions } from '../src/clientOptions';
import { SECTION, readSettings, type SettingsReader } from '../src/settings';

function reader(values: Record<string, unknown>): SettingsReader {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

test('starts the server as `copydesk lsp --stdio` over stdio', () => {
  const { run, debug } = serverOptions('/opt/copydesk/bin/copydesk');
  for (const exe of [run, debug]) {
    assert.equal(exe.command, '/opt/copydesk/bin/copydesk');
    assert.deepEqual(exe.args, ['lsp', '--stdio']);
    // An explicit TransportKind.stdio would make the client append a second --stdio.
    assert.equal(exe.transport, undefined);
  }
});

test('does not share the args array between run and debug', () => {
  const { run, debug } = serverOptions('copydesk');
  run.args?.push('--verbose');
  assert.deepEqual(debug.args, ['lsp', '--stdio']);
});

test('selects markdown and plain text, saved and untitled', () => {
  assert.deepEqual(documentSelector(), [
    { language: 'markdown', scheme: 'file' },
    { language: 'markdown', scheme: 'untitled' },
    { language: 'plaintext', scheme: 'file' },
    { language: 'plaintext', scheme: 'untitled' },
  ]);
  assert.deepEqual([...LANGUAGES], ['markdown', 'plaintext']);
});

test('synchronizes the copydesk section and sends it as initializationOptions', () => {
  const settings = readSettings(reader({ rules: { 'anonymous-source': 'error' } }));
  const options = clientOptions(settings);
  assert.equal(SECTION, 'copydesk');
  assert.deepEqual(options.synchronize, { configurationSection: 'copydesk' });
  assert.deepEqual(options.initializationOptions, {
    path: 'copydesk',
    rules: { 'anonymous-source': 'error' },
    inlayHints: true,
    trace: { server: 'off' },
  });
  assert.deepEqual(options.documentSelector, documentSelector());
});

test('reads the settings into a plain JSON object', () => {
  const settings = readSettings(
    reader({
      path: ' /usr/local/bin/copydesk ',
      rules: { 'vague-attribution': 'off', bogus: 3 },
      inlayHints: false,
      'trace.server': 'verbose',
    }),
  );
  assert.deepEqual(JSON.parse(JSON.stringify(settings)), {
    path: '/usr/local/bin/copydesk',
    rules: { 'vague-attribution': 'off' },
    inlayHints: false,
    trace: { server: 'verbose' },
  });
});

test('falls back to defaults for missing or malformed settings', () => {
  assert.deepEqual(readSettings(reader({ path: '', rules: 'warning', 'trace.server': 7 })), {
    path: 'copydesk',
    rules: {},
    inlayHints: true,
    trace: { server: 'off' },
  });
});

test('loads without the vscode module', async () => {
  // Under plain node there is no `vscode` module; the options modules must not need it, so they
  // may import vscode-languageclient (which requires vscode) for types only.
  await assert.rejects(import('vscode'), { code: 'ERR_MODULE_NOT_FOUND' });
  const loaded = Object.keys(require.cache).filter((file) => file.includes('vscode-languageclient'));
  assert.deepEqual(loaded, []);
});
