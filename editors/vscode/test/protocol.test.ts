/**
 * The real `copydesk lsp --stdio`, driven over vscode-jsonrpc (the VS Code client's transport) the
 * way the extension's client drives it: initialize with the settings as initializationOptions,
 * open a document, receive diagnostics, hover a name, change the settings, shut down.
 *
 * The binary comes from `COPYDESK_BIN`, else `../../target/debug/copydesk`. A missing binary is a
 * failure, never a skip: `editors/ci.sh` builds it first.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

/** Rule ids the fixture must trigger; tune as the engines change. */
const EXPECTED_RULES = ['anonymous-source'];
/** The rule switched off and on in the settings tests. */
const TOGGLED = 'anonymous-source';
const TIMEOUT_MS = 15_000;

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.COPYDESK_BIN ?? path.join('..', '..', 'target', 'debug', 'copydesk'));
const URI = 'file:///tmp/copydesk-protocol/council.md';

const FIXTURE = [
  '# Harbour council delays the ferry vote',
  '',
  'The council postponed its vote on the ferry contract on Tuesday, a source close to the mayor says.',
  '',
  '“We will rebuild the pier before winter,” said Mayor Ana Ortiz.',
  '',
  'Ortiz, 52, has led the harbour town since 2019.',
  '',
].join('\n');

interface Position {
  line: number;
  character: number;
}
interface Diagnostic {
  range: { start: Position; end: Position };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** A client session: the process, the connection and every diagnostics notification seen. */
class Session {
  readonly published: Published[] = [];
  readonly stderr: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection,
    public settings: Record<string, unknown>,
  ) {
    conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    conn.onNotification('window/logMessage', () => undefined);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((item) => (item.section === 'copydesk' || item.section === undefined ? this.settings : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    proc.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    conn.listen();
  }

  /** Resolves with the first notification (already seen or future) that satisfies `pred`. */
  async waitFor(what: string, pred: (p: Published) => boolean, from = 0): Promise<Published> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const hit = this.published.slice(from).find(pred);
      if (hit !== undefined) {
        return hit;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.proc.exitCode !== null) {
        const last = JSON.stringify(this.published.slice(-3), null, 1);
        assert.fail(`timed out waiting for ${what}; last notifications: ${last}; stderr: ${this.stderr.join('').slice(-2000)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function start(settings: Record<string, unknown>): Session {
  assert.ok(
    fs.existsSync(BIN),
    `copydesk binary not found at ${BIN}: run \`cargo build\` at the repository root or set COPYDESK_BIN`,
  );
  const proc = spawn(BIN, ['lsp', '--stdio'], { stdio: 'pipe' });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  return new Session(proc, conn, settings);
}

interface InitializeResult {
  capabilities: Record<string, unknown>;
  serverInfo?: { name: string };
}

async function initialize(s: Session): Promise<Record<string, unknown>> {
  const result = await s.conn.sendRequest<InitializeResult>(
    'initialize',
    {
      processId: process.pid,
      clientInfo: { name: 'copydesk-protocol-test' },
      rootUri: null,
      initializationOptions: s.settings,
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
        },
      },
    },
  ).catch((error: unknown) =>
    assert.fail(
      `initialize failed: ${String(error)}; server exit code ${String(s.proc.exitCode)}; ` +
        `stderr: ${s.stderr.join('').slice(-2000)}`,
    ),
  );
  await s.conn.sendNotification('initialized', {});
  assert.equal(result.serverInfo?.name, 'copydesk');
  return result.capabilities;
}

async function open(s: Session, text: string, uri = URI, languageId = 'markdown'): Promise<void> {
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId, version: 1, text },
  });
}

async function shutdown(s: Session): Promise<number | null> {
  const result: unknown = await s.conn.sendRequest('shutdown');
  assert.equal(result, null);
  const exited = new Promise<number | null>((resolve) => s.proc.once('exit', (code) => resolve(code)));
  await s.conn.sendNotification('exit');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
  });
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  s.conn.dispose();
  assert.notEqual(code, 'timeout', 'the server did not exit after `exit`');
  return code === 'timeout' ? null : code;
}

function codes(p: Published): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

function positionOf(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the fixture`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function hoverText(hover: unknown): string {
  if (hover === null || typeof hover !== 'object') {
    return '';
  }
  const contents = (hover as { contents: unknown }).contents;
  const parts = Array.isArray(contents) ? contents : [contents];
  return parts.map((p) => (typeof p === 'string' ? p : String((p as { value?: string }).value ?? ''))).join('\n');
}

let session: Session;

before(() => {
  session = start({ rules: {} });
});

after(() => {
  if (session.proc.exitCode === null) {
    session.proc.kill();
  }
});

test('advertises incremental sync, hover and its name', async () => {
  const caps = await initialize(session);
  const sync = caps.textDocumentSync as number | { change?: number; openClose?: boolean };
  const change = typeof sync === 'number' ? sync : sync.change;
  assert.equal(change, 2, 'incremental sync');
  assert.ok(caps.hoverProvider, 'hover');
});

test('publishes diagnostics with rule ids and the version on open', async () => {
  await open(session, FIXTURE);
  const p = await session.waitFor('diagnostics for version 1', (n) => n.uri === URI && n.version === 1);
  for (const rule of EXPECTED_RULES) {
    assert.ok(codes(p).includes(rule), `expected ${rule} in ${JSON.stringify(codes(p))}`);
  }
  for (const d of p.diagnostics) {
    assert.equal(d.source, 'copydesk');
    assert.ok(d.message.length > 0);
  }
});

test('checks plain text too', async () => {
  const uri = URI.replace(/\.md$/, '.txt');
  await open(session, FIXTURE, uri, 'plaintext');
  const p = await session.waitFor('diagnostics for the .txt document', (n) => n.uri === uri && n.version === 1);
  for (const rule of EXPECTED_RULES) {
    assert.ok(codes(p).includes(rule), `expected ${rule} in ${JSON.stringify(codes(p))}`);
  }
  await session.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('publishes for the new version after an incremental change', async () => {
  const end = positionOf(FIXTURE + '\u0000', '\u0000');
  await session.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [{ range: { start: end, end }, text: 'A source says the ferry is late.\n' }],
  });
  const p = await session.waitFor('diagnostics for version 2', (n) => n.uri === URI && n.version === 2);
  const onNewLine = p.diagnostics.filter((d) => d.code === TOGGLED && d.range.start.line === end.line);
  assert.ok(onNewLine.length > 0, `expected ${TOGGLED} on line ${end.line}: ${JSON.stringify(p.diagnostics)}`);
});

test('returns a card on hover over a person named in the story', async () => {
  const hover: unknown = await session.conn.sendRequest('textDocument/hover', {
    textDocument: { uri: URI },
    position: positionOf(FIXTURE, 'Ortiz'),
  });
  assert.match(hoverText(hover), /Ortiz/);
});

test('applies a rule severity sent by didChangeConfiguration without a restart', async () => {
  const from = session.published.length;
  session.settings = { rules: { [TOGGLED]: 'error' } };
  await session.conn.sendNotification('workspace/didChangeConfiguration', { settings: { copydesk: session.settings } });
  const p = await session.waitFor(
    `${TOGGLED} at error`,
    (n) => n.uri === URI && n.diagnostics.some((d) => d.code === TOGGLED && d.severity === 1),
    from,
  );
  assert.equal(p.version, 2);
});

test('drops a rule turned off by didChangeConfiguration', async () => {
  const from = session.published.length;
  session.settings = { rules: { [TOGGLED]: 'off' } };
  await session.conn.sendNotification('workspace/didChangeConfiguration', { settings: { copydesk: session.settings } });
  const p = await session.waitFor(
    `${TOGGLED} off`,
    (n) => n.uri === URI && !codes(n).includes(TOGGLED),
    from,
  );
  assert.equal(p.version, 2);
});

test('clears diagnostics on close', async () => {
  const from = session.published.length;
  await session.conn.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
  await session.waitFor('empty diagnostics after close', (n) => n.uri === URI && n.diagnostics.length === 0, from);
});

test('shuts down and exits with status 0', async () => {
  assert.equal(await shutdown(session), 0);
});

test('takes rule settings from initializationOptions', async () => {
  const s = start({ rules: { [TOGGLED]: 'hint' } });
  try {
    await initialize(s);
    await open(s, FIXTURE);
    const p = await s.waitFor('diagnostics for version 1', (n) => n.uri === URI && n.version === 1);
    const toggled = p.diagnostics.filter((d) => d.code === TOGGLED);
    assert.ok(toggled.length > 0, `expected ${TOGGLED}`);
    assert.ok(toggled.every((d) => d.severity === 4), `${TOGGLED} at hint: ${JSON.stringify(toggled)}`);
    assert.equal(await shutdown(s), 0);
  } finally {
    if (s.proc.exitCode === null) {
      s.proc.kill();
    }
  }
});

interface TextEdit {
  range: { start: Position; end: Position };
  newText: string;
}
interface CodeAction {
  title: string;
  kind?: string;
  edit?: { changes?: Record<string, TextEdit[]> };
}
interface DocumentSymbol {
  name: string;
  detail?: string;
  children?: DocumentSymbol[];
}

/** Applies LSP edits to a text, last first, as the client does. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

test('offers the quick fixes carried in a diagnostic, and one applied is re-analysed', async () => {
  const s = start({ rules: {} });
  try {
    const caps = await initialize(s);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'], resolveProvider: false });
    await open(s, FIXTURE);
    const p = await s.waitFor('diagnostics for version 1', (n) => n.uri === URI && n.version === 1);
    const anon = p.diagnostics.find((d) => d.code === 'anonymous-source');
    assert.ok(anon, `anonymous-source in ${JSON.stringify(codes(p))}`);
    const actions = await s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: anon.range,
      context: { diagnostics: [anon] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [
        ['Say how the source would know and why they were not named', 'quickfix'],
        ['Ignore anonymous-source in this paragraph (with a reason)', 'quickfix'],
      ],
    );
    // Apply the suppression the way the client applies a WorkspaceEdit, as version 2.
    const edits = actions[1].edit?.changes?.[URI] ?? [];
    assert.equal(edits.length, 1);
    const fixed = applyEdits(FIXTURE, edits);
    assert.ok(fixed.includes('<!-- copydesk-ignore anonymous-source: TODO'), fixed);
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const after = await s.waitFor('diagnostics for version 2', (n) => n.uri === URI && n.version === 2);
    assert.ok(!codes(after).includes('anonymous-source'), JSON.stringify(codes(after)));
    assert.ok(codes(after).includes('suppression-without-reason'), 'the TODO reason is no reason');
    assert.equal(await shutdown(s), 0);
  } finally {
    if (s.proc.exitCode === null) {
      s.proc.kill();
    }
  }
});

test('outlines the sourcing as document symbols', async () => {
  const s = start({ rules: {} });
  try {
    await initialize(s);
    await open(s, FIXTURE);
    await s.waitFor('diagnostics for version 1', (n) => n.uri === URI && n.version === 1);
    const symbols = await s.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: URI },
    });
    const names = (list: DocumentSymbol[] | undefined): string[] => (list ?? []).map((x) => x.name);
    assert.deepEqual(names(symbols), ['People', 'Sources']);
    const people = symbols[0].children ?? [];
    assert.deepEqual(names(people), ['Ana Ortiz']);
    assert.equal(people[0].detail, '2 mentions');
    const groups = symbols[1].children ?? [];
    assert.deepEqual(names(groups), ['Named sources', 'Anonymous sources']);
    assert.deepEqual(names(groups[1].children), ['a source close to the mayor']);
    assert.equal(await shutdown(s), 0);
  } finally {
    if (s.proc.exitCode === null) {
      s.proc.kill();
    }
  }
});
