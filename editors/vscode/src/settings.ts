/**
 * The copydesk settings schema, shared by the extension and its tests.
 *
 * Section `copydesk`; `initializationOptions` carries the same object as the section. The same
 * names are used by the server, this extension and the Neovim setup.
 */

/** The configuration section, in VS Code settings and on the wire. */
export const SECTION = 'copydesk';

/** The values a rule can be set to in `copydesk.rules`. */
export const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error'] as const;
export type RuleSetting = (typeof SEVERITIES)[number];

/** Every rule id the server knows, sorted. */
export const RULE_IDS = [
  'anonymous-opinion',
  'anonymous-quote',
  'anonymous-source',
  'bare-anonymous-source',
  'boilerplate-anonymity-reason',
  'house-pattern',
  'inconsistent-age',
  'missing-anonymity-reason',
  'name-variant',
  'plural-sources-single-voice',
  'suppression-without-reason',
  'surname-before-full-name',
  'unattributed-quote',
  'unused-suppression',
  'vague-attribution',
] as const;

/** The object sent as `initializationOptions` and as the `copydesk` section. */
export interface CopydeskSettings {
  path: string;
  rules: Record<string, string>;
  /** Whether the server sends the resolved speaker after quotations as inlay hints. */
  inlayHints: boolean;
  trace: { server: string };
}

/** Reads one key of the section; `vscode.WorkspaceConfiguration` fits this shape. */
export interface SettingsReader {
  get<T>(key: string): T | undefined;
}

/**
 * The section as a plain JSON object (VS Code hands out proxies, which must not go on the wire).
 * Unknown keys are dropped; rule values are passed through as the user wrote them, so that the
 * server can report a typo instead of the client hiding it.
 */
export function readSettings(config: SettingsReader): CopydeskSettings {
  const rules = config.get<unknown>('rules');
  const plainRules: Record<string, string> = {};
  if (rules !== null && typeof rules === 'object') {
    for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
      if (typeof value === 'string') {
        plainRules[id] = value;
      }
    }
  }
  return {
    path: stringOr(config.get<unknown>('path'), 'copydesk'),
    rules: plainRules,
    inlayHints: config.get<unknown>('inlayHints') !== false,
    trace: { server: stringOr(config.get<unknown>('trace.server'), 'off') },
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}
