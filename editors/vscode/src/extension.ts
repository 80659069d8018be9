/**
 * The VS Code entry point: starts `copydesk lsp --stdio` for Markdown and plain text, restarts it
 * on command or when `copydesk.path` changes, and logs to the "copydesk" output channel.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';

import { resolveBinary } from './binary';
import { clientOptions, serverOptions } from './clientOptions';
import { SECTION, readSettings } from './settings';

const CLIENT_ID = 'copydesk';
const CLIENT_NAME = 'copydesk';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('copydesk', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('copydesk.restart', () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const channel = output ?? vscode.window.createOutputChannel('copydesk', { log: true });
  const settings = readSettings(vscode.workspace.getConfiguration(SECTION));
  const resolved = resolveBinary(settings.path, {
    env: process.env,
    platform: process.platform,
    home: os.homedir(),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  });
  if (!resolved.ok) {
    channel.error(resolved.message);
    void showPathError(resolved.message);
    return;
  }
  channel.info(`Starting ${resolved.path} lsp --stdio`);
  const options = { ...clientOptions(settings), outputChannel: channel };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(resolved.path), options);
  try {
    await client.start();
  } catch (error) {
    const message = `copydesk: the language server failed to start: ${String(error)}`;
    channel.error(message);
    void vscode.window.showErrorMessage(message);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch (error) {
      output?.error(`copydesk: error while stopping the server: ${String(error)}`);
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function showPathError(message: string): Promise<void> {
  const open = 'Open Settings';
  const choice = await vscode.window.showErrorMessage(message, open);
  if (choice === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
  }
}
