/**
 * Finds the `copydesk` executable named by the `copydesk.path` setting.
 *
 * No `vscode` import: unit-tested with node's test runner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Resolved = { ok: true; path: string } | { ok: false; message: string };

export interface ResolveEnv {
  /** The `PATH` (and on Windows `PATHEXT`) to search for a bare command name. */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The home directory, for a setting that starts with `~/`. */
  home: string;
  /** The first workspace folder, for a relative path such as `target/debug/copydesk`. */
  workspaceFolder?: string;
}

/**
 * Resolves the setting to an absolute path of an executable file: an absolute path is checked
 * as it is, a relative path with a separator against the workspace folder, a bare name on `PATH`.
 */
export function resolveBinary(setting: string, where: ResolveEnv): Resolved {
  const wanted = expandHome(setting.trim() === '' ? 'copydesk' : setting.trim(), where.home);
  if (path.isAbsolute(wanted)) {
    return check([wanted], wanted, where);
  }
  if (wanted.includes('/') || wanted.includes('\\')) {
    if (where.workspaceFolder === undefined) {
      return notFound(wanted, 'it is a relative path and no folder is open');
    }
    return check([path.resolve(where.workspaceFolder, wanted)], wanted, where);
  }
  const dirs = (where.env.PATH ?? where.env.Path ?? '').split(path.delimiter).filter((d) => d !== '');
  const candidates = dirs.flatMap((dir) => withExtensions(path.join(dir, wanted), where));
  return check(candidates, wanted, where, 'on PATH');
}

function check(candidates: string[], wanted: string, where: ResolveEnv, place = ''): Resolved {
  for (const candidate of candidates) {
    for (const file of withExtensions(candidate, where)) {
      if (isExecutableFile(file, where.platform)) {
        return { ok: true, path: file };
      }
    }
  }
  return notFound(wanted, place === '' ? 'no executable file there' : `not found ${place}`);
}

function withExtensions(file: string, where: ResolveEnv): string[] {
  if (where.platform !== 'win32' || path.extname(file) !== '') {
    return [file];
  }
  const exts = (where.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '');
  return [file, ...exts.map((e) => file + e.toLowerCase())];
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function expandHome(p: string, home: string): string {
  if (p === '~') {
    return home;
  }
  return p.startsWith('~/') || p.startsWith('~\\') ? path.join(home, p.slice(2)) : p;
}

function notFound(wanted: string, why: string): Resolved {
  return {
    ok: false,
    message:
      `copydesk: cannot start the language server: "${wanted}" (setting copydesk.path): ${why}. ` +
      'Install copydesk (cargo install --path . in its repository) or set "copydesk.path" ' +
      'to the absolute path of the copydesk binary.',
  };
}
