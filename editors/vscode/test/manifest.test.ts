/** package.json: activation, command, and settings that match the server's rule registry. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { RULE_IDS, SEVERITIES } from '../src/settings';

const ROOT = path.resolve(__dirname, '..', '..');
const REPO = path.resolve(ROOT, '..', '..');

interface Property {
  type: string;
  default?: unknown;
  enum?: string[];
  properties?: Record<string, Property>;
  additionalProperties?: Property;
  description?: string;
  markdownDescription?: string;
}

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  scripts: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, Property> };
  };
  devDependencies: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

/** The rule ids registered in the server, read from its one rule table. */
function registryIds(): string[] {
  const source = fs.readFileSync(path.join(REPO, 'src', 'analysis', 'model', 'rule_id.rs'), 'utf8');
  const ids = [...source.matchAll(/=> \w+, "([a-z-]+)", (?:Error|Warning|Information|Hint),/g)].map((m) => m[1]);
  assert.ok(ids.length > 0, 'no rule ids found in src/analysis/model/rule_id.rs: has the rule_table! shape changed?');
  return ids.sort();
}

test('activates on markdown and plain text', () => {
  assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'onLanguage:plaintext']);
  assert.equal(manifest.main, './dist/extension.js');
});

test('contributes the restart command', () => {
  assert.deepEqual(manifest.contributes.commands, [
    { command: 'copydesk.restart', title: 'Restart server', category: 'copydesk' },
  ]);
});

test('contributes copydesk.path with the default binary name', () => {
  assert.equal(settings['copydesk.path'].type, 'string');
  assert.equal(settings['copydesk.path'].default, 'copydesk');
});

test('contributes copydesk.trace.server', () => {
  assert.deepEqual(settings['copydesk.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(settings['copydesk.trace.server'].default, 'off');
});

test('contributes copydesk.inlayHints, on by default', () => {
  assert.equal(settings['copydesk.inlayHints'].type, 'boolean');
  assert.equal(settings['copydesk.inlayHints'].default, true);
});

test('lists every rule id in copydesk.rules with a description and the severities', () => {
  const rules = settings['copydesk.rules'];
  assert.equal(rules.type, 'object');
  assert.deepEqual(rules.additionalProperties?.enum, [...SEVERITIES]);
  const properties = rules.properties ?? {};
  assert.deepEqual(Object.keys(properties).sort(), [...RULE_IDS]);
  for (const [id, property] of Object.entries(properties)) {
    assert.deepEqual(property.enum, [...SEVERITIES], id);
    assert.ok((property.description ?? '').length > 20, `${id} has a description`);
  }
});

test('knows exactly the rules the server registers', () => {
  assert.deepEqual([...RULE_IDS], registryIds());
});

test('targets a VS Code no newer than the @types/vscode it is checked against', () => {
  const engine = manifest.engines.vscode.replace(/^\^/, '');
  assert.equal(manifest.devDependencies['@types/vscode'], engine);
});

test('packages without bundling node_modules', () => {
  assert.match(manifest.scripts.package, /vsce package --no-dependencies/);
  assert.equal(manifest.scripts['vscode:prepublish'], 'npm run bundle');
});
