//! chant's own command line as the extension runs it: where the `chant` binary is (the
//! `chantLsp.chant.path` setting, then PATH), the argument list of each action, and the command
//! line shown in the terminal before it runs.
// Pure (no `vscode` import) so it is unit-tested without an editor.

import { type Environment, expandSetting, flavour, pathDirectories } from './serverPath.mts';

/** The actions on one spec, each a chant subcommand taking the spec's id. */
export const ACTIONS = ['work', 'approve', 'finalize', 'cancel', 'show'] as const;
export type ChantAction = (typeof ACTIONS)[number];

export type ChantLookup =
  | { ok: true; path: string; source: 'setting' | 'PATH' }
  | { ok: false; message: string };

export const CHANT_INSTALL_HINT =
  'chant was not found: install it (`cargo install --locked --git https://github.com/lex00/chant`, ' +
  '`brew install lex00/tap/chant`, or a release binary from github.com/lex00/chant/releases) and put it ' +
  'on PATH, or set `chantLsp.chant.path` to the binary.';

/** The setting when it is set (a wrong path is reported, not replaced), else `chant` on PATH. */
export function resolveChantPath(setting: string | undefined, env: Environment): ChantLookup {
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    const file = expandSetting(configured, env);
    if (env.isExecutable(file)) {
      return { ok: true, path: file, source: 'setting' };
    }
    return { ok: false, message: `chantLsp.chant.path is "${configured}", but ${file} is not an executable file.` };
  }
  const name = env.platform === 'win32' ? 'chant.exe' : 'chant';
  for (const dir of pathDirectories(env)) {
    const file = flavour(env.platform).join(dir, name);
    if (env.isExecutable(file)) {
      return { ok: true, path: file, source: 'PATH' };
    }
  }
  return { ok: false, message: CHANT_INSTALL_HINT };
}

/** chant's arguments for an action on spec `id`; `approve` needs the approver's name. */
export function actionArgs(action: ChantAction, id: string, by?: string): string[] {
  return action === 'approve' ? ['approve', id, '--by', by ?? ''] : [action, id];
}

/**
 * The line typed into the terminal: `chant` when it was found on PATH (what the user would
 * type), the configured path otherwise; every word quoted for the shell when it needs it.
 */
export function commandLine(chant: ChantLookup & { ok: true }, args: readonly string[], platform: NodeJS.Platform): string {
  const program = shellQuote(chant.source === 'PATH' ? 'chant' : chant.path, platform);
  // PowerShell runs a quoted program path only behind its call operator.
  const call = platform === 'win32' && program.startsWith("'") ? '& ' : '';
  return [call + program, ...args.map((word) => shellQuote(word, platform))].join(' ');
}

/** Quotes a word for a POSIX shell (single quotes) or PowerShell on Windows, when needed. */
export function shellQuote(word: string, platform: NodeJS.Platform): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) {
    return word;
  }
  if (platform === 'win32') {
    return `'${word.replaceAll("'", "''")}'`;
  }
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** The terminal's name for a spec's actions: one terminal per spec, reused. */
export function terminalName(id: string): string {
  return `chant ${id}`;
}
