/**
 * The VS Code wiring in src/extension.ts, with `vscode` and the language client replaced by
 * recording fakes (VS Code itself cannot run here): activation starts the client with the
 * resolved binary and the copydesk section, the restart command and a `copydesk.path` change
 * restart it, and a missing binary shows an error naming the setting.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, test } from 'node:test';

import type * as Extension from '../src/extension';

interface FakeClient {
  id: string;
  name: string;
  server: unknown;
  options: Record<string, unknown>;
  started: number;
  stopped: number;
}

const calls = {
  clients: [] as FakeClient[],
  commands: new Map<string, () => unknown>(),
  channels: [] as { name: string; options: unknown; lines: string[] }[],
  errors: [] as string[],
  configListeners: [] as ((e: { affectsConfiguration(s: string): boolean }) => void)[],
  executed: [] as unknown[][],
};
let settings: Record<string, unknown> = {};

const fakeVscode = {
  window: {
    createOutputChannel(name: string, options: unknown) {
      const channel = { name, options, lines: [] as string[] };
      calls.channels.push(channel);
      const log = (line: string) => channel.lines.push(line);
      return { info: log, error: log, warn: log, appendLine: log, dispose: () => undefined };
    },
    showErrorMessage(message: string) {
      calls.errors.push(message);
      return Promise.resolve(undefined);
    },
  },
  commands: {
    registerCommand(name: string, fn: () => unknown) {
      calls.commands.set(name, fn);
      return { dispose: () => undefined };
    },
    executeCommand(...args: unknown[]) {
      calls.executed.push(args);
      return Promise.resolve();
    },
  },
  workspace: {
    workspaceFolders: undefined,
    getConfiguration(section: string) {
      assert.equal(section, 'copydesk');
      return { get: (key: string) => settings[key] };
    },
    onDidChangeConfiguration(fn: (e: { affectsConfiguration(s: string): boolean }) => void) {
      calls.configListeners.push(fn);
      return { dispose: () => undefined };
    },
  },
};

class LanguageClient {
  private readonly record: FakeClient;
  constructor(id: string, name: string, server: unknown, options: Record<string, unknown>) {
    this.record = { id, name, server, options, started: 0, stopped: 0 };
    calls.clients.push(this.record);
  }
  start(): Promise<void> {
    this.record.started += 1;
    return Promise.resolve();
  }
  stop(): Promise<void> {
    this.record.stopped += 1;
    return Promise.resolve();
  }
}

// Route `require('vscode')` and the language client to the fakes, for src/extension only.
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request === 'vscode') {
    return fakeVscode;
  }
  if (request === 'vscode-languageclient/node') {
    return { LanguageClient };
  }
  return originalLoad.call(this, request, parent, isMain);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fakes are in place
const extension = require('../src/extension') as typeof Extension;

const context = { subscriptions: [] as unknown[] } as unknown as Parameters<typeof extension.activate>[0];

function fakeBinary(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-ext-'));
  const exe = path.join(dir, 'copydesk');
  fs.writeFileSync(exe, '#!/bin/sh\n');
  fs.chmodSync(exe, 0o755);
  return exe;
}

beforeEach(async () => {
  await extension.deactivate();
  calls.clients.length = 0;
  calls.commands.clear();
  calls.channels.length = 0;
  calls.errors.length = 0;
  calls.configListeners.length = 0;
  calls.executed.length = 0;
});

test('activation starts the client with the resolved binary and the copydesk section', async () => {
  const exe = fakeBinary();
  settings = { path: exe, rules: { 'anonymous-source': 'error' } };
  await extension.activate(context);
  assert.equal(calls.clients.length, 1);
  const client = calls.clients[0];
  assert.equal(client.id, 'copydesk', 'the id makes the client read copydesk.trace.server');
  assert.equal(client.started, 1);
  assert.deepEqual(client.server, {
    run: { command: exe, args: ['lsp', '--stdio'] },
    debug: { command: exe, args: ['lsp', '--stdio'] },
  });
  assert.deepEqual(client.options.initializationOptions, {
    path: exe,
    rules: { 'anonymous-source': 'error' },
    inlayHints: true,
    trace: { server: 'off' },
  });
  assert.deepEqual(client.options.synchronize, { configurationSection: 'copydesk' });
  assert.ok(client.options.outputChannel, 'logs to the output channel');
  assert.deepEqual(
    calls.channels.map((c) => [c.name, c.options]),
    [['copydesk', { log: true }]],
  );
  assert.deepEqual(calls.errors, []);
});

test('the restart command stops the client and starts a new one', async () => {
  settings = { path: fakeBinary() };
  await extension.activate(context);
  const restart = calls.commands.get('copydesk.restart');
  assert.ok(restart, 'copydesk.restart is registered');
  await restart();
  assert.equal(calls.clients.length, 2);
  assert.equal(calls.clients[0].stopped, 1);
  assert.equal(calls.clients[1].started, 1);
});

test('changing copydesk.path restarts the client, other settings do not', async () => {
  settings = { path: fakeBinary() };
  await extension.activate(context);
  const [listener] = calls.configListeners;
  listener({ affectsConfiguration: (s) => s === 'copydesk.rules' || s === 'copydesk' });
  assert.equal(calls.clients.length, 1, 'rules flow through didChangeConfiguration, no restart');
  const newPath = fakeBinary();
  settings = { path: newPath };
  listener({ affectsConfiguration: (s) => s === 'copydesk.path' || s === 'copydesk' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls.clients.length, 2);
  assert.equal((calls.clients[1].server as { run: { command: string } }).run.command, newPath);
});

test('a missing binary shows an error naming copydesk.path and starts nothing', async () => {
  settings = { path: '/nonexistent/copydesk' };
  await extension.activate(context);
  assert.equal(calls.clients.length, 0);
  assert.equal(calls.errors.length, 1);
  assert.match(calls.errors[0], /copydesk\.path/);
  assert.match(calls.errors[0], /\/nonexistent\/copydesk/);
  assert.match(calls.channels[0].lines.join('\n'), /copydesk\.path/);
});
