//! Finds the chant-lsp binary: the `chantLsp.server.path` setting, else `chant-lsp` on PATH.
// Pure (no `vscode` import) so the rules are unit-tested without an editor.

import * as path from 'node:path';

/** What the lookup needs from the machine; tests pass fakes. */
export interface Environment {
  /** The PATH variable, as `process.env.PATH`. */
  pathVariable: string | undefined;
  home: string | undefined;
  /** The first workspace folder, for relative settings and `${workspaceFolder}`. */
  workspaceFolder: string | undefined;
  platform: NodeJS.Platform;
  isExecutable: (file: string) => boolean;
}

export type Resolution = { ok: true; path: string } | { ok: false; message: string };

export const INSTALL_HINT =
  'Install it with `cargo install --locked --path .` in a chant-lsp checkout (it lands in ~/.cargo/bin), ' +
  'or set `chantLsp.server.path` to the binary.';

export function resolveServerPath(setting: string | undefined, env: Environment): Resolution {
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    const file = expandSetting(configured, env);
    if (env.isExecutable(file)) {
      return { ok: true, path: file };
    }
    return {
      ok: false,
      message: `chantLsp.server.path is "${configured}", but ${file} is not an executable file. ${INSTALL_HINT}`,
    };
  }
  const found = searchPath('chant-lsp', env);
  if (found !== undefined) {
    return { ok: true, path: found };
  }
  return { ok: false, message: `chant-lsp was not found on PATH. ${INSTALL_HINT}` };
}

/** `~/…`, `${workspaceFolder}/…`, `${userHome}/…` and paths relative to the workspace folder. */
export function expandSetting(value: string, env: Environment): string {
  const p = env.platform === 'win32' ? path.win32 : path.posix;
  let out = value;
  if (env.home !== undefined) {
    out = out.replace(/^~(?=$|[\\/])/, env.home).replaceAll('${userHome}', env.home);
  }
  if (env.workspaceFolder !== undefined) {
    out = out.replaceAll('${workspaceFolder}', env.workspaceFolder);
    if (!p.isAbsolute(out)) {
      out = p.join(env.workspaceFolder, out);
    }
  }
  return out;
}

function searchPath(name: string, env: Environment): string | undefined {
  const p = env.platform === 'win32' ? path.win32 : path.posix;
  const names = env.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  const dirs = (env.pathVariable ?? '').split(p.delimiter).filter((d) => d !== '');
  for (const dir of dirs) {
    for (const candidate of names) {
      const file = p.join(dir, candidate);
      if (env.isExecutable(file)) {
        return file;
      }
    }
  }
  return undefined;
}
