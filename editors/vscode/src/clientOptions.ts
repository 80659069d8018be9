/**
 * The language client's options, built without `vscode` so that node's test runner can check
 * them: the server command, the documents it serves and the settings it is sent.
 */
import type { Executable, LanguageClientOptions } from 'vscode-languageclient/node';

import { SECTION, type CopydeskSettings } from './settings';

/** What the server is started with. `--stdio` is accepted and ignored by `copydesk lsp`. */
export const SERVER_ARGS = ['lsp', '--stdio'];

/** The language ids copydesk checks. */
export const LANGUAGES = ['markdown', 'plaintext'] as const;

/** Saved files and unsaved (untitled) editors. */
export const SCHEMES = ['file', 'untitled'] as const;

/**
 * The server executable. No `transport`: with `TransportKind.stdio` the client would append a
 * second `--stdio`; without one it uses stdio and passes the arguments as they are.
 */
export function serverOptions(command: string): { run: Executable; debug: Executable } {
  const executable: Executable = { command, args: [...SERVER_ARGS] };
  return { run: executable, debug: { ...executable, args: [...SERVER_ARGS] } };
}

/** One selector entry per language and scheme. */
export function documentSelector(): { language: string; scheme: string }[] {
  return LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
}

/**
 * The options without the editor-specific parts (output channel, middleware). Settings changes
 * reach the server through `workspace/didChangeConfiguration` (synchronize) and
 * `workspace/configuration` (answered by the client from the same section).
 */
export function clientOptions(settings: CopydeskSettings): LanguageClientOptions {
  return {
    documentSelector: documentSelector(),
    initializationOptions: settings,
    synchronize: { configurationSection: SECTION },
  };
}
