//! Finds the chant-lsp binary, in this order: the `chantLsp.server.path` setting, the binary
//! bundled in a platform package (`server/chant-lsp[.exe]`), `chant-lsp` on PATH, then Cargo's
//! bin folder (`$CARGO_HOME/bin` or `~/.cargo/bin`).
// Pure (no `vscode` import) so the rules are unit-tested without an editor, with POSIX and
// Windows paths alike.

import * as path from 'node:path';

/** What the lookup needs from the machine; tests pass fakes. */
export interface Environment {
  /** The PATH variable, as `process.env.PATH`. */
  pathVariable: string | undefined;
  home: string | undefined;
  /** `process.env.CARGO_HOME`: where `cargo install` puts binaries when it is set. */
  cargoHome: string | undefined;
  /** The folder the extension is installed in; its `server/` holds the bundled binary, if any. */
  extensionDir: string;
  /** The first workspace folder, for relative settings and `${workspaceFolder}`. */
  workspaceFolder: string | undefined;
  platform: NodeJS.Platform;
  isExecutable: (file: string) => boolean;
}

/** Where a found binary came from; the extension logs it and the end-to-end test checks it. */
export type ServerSource = 'setting' | 'bundled' | 'PATH' | 'cargo';

export type Resolution =
  | { ok: true; path: string; source: ServerSource }
  | { ok: false; message: string };

export const INSTALL_HINT =
  'Install the chant-lsp extension package built for your platform (it carries the server), or install ' +
  'the server with `cargo install --locked --path .` in a chant-lsp checkout, or set ' +
  '`chantLsp.server.path` to the binary.';

export function resolveServerPath(setting: string | undefined, env: Environment): Resolution {
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    // An explicit setting is the user's choice: a typo there is reported, not silently replaced
    // by some other binary that may be a different version.
    const file = expandSetting(configured, env);
    if (env.isExecutable(file)) {
      return { ok: true, path: file, source: 'setting' };
    }
    return {
      ok: false,
      message:
        `chantLsp.server.path is "${configured}", but ${file} is not an executable file ` +
        `(the bundled binary, PATH and Cargo's bin folder are not searched while it is set). ${INSTALL_HINT}`,
    };
  }
  const tried: string[] = ['chantLsp.server.path (not set)'];

  const bundled = bundledServerPath(env.extensionDir, env.platform);
  if (env.isExecutable(bundled)) {
    return { ok: true, path: bundled, source: 'bundled' };
  }
  tried.push(`the binary bundled with the extension (${bundled})`);

  const dirs = pathDirectories(env);
  for (const dir of dirs) {
    const file = flavour(env.platform).join(dir, executableName(env.platform));
    if (env.isExecutable(file)) {
      return { ok: true, path: file, source: 'PATH' };
    }
  }
  tried.push(dirs.length === 0 ? 'PATH (empty)' : `PATH (${dirs.join(env.platform === 'win32' ? '; ' : ', ')})`);

  const cargoBin = cargoBinDirectory(env);
  if (cargoBin === undefined) {
    tried.push("Cargo's bin folder (neither CARGO_HOME nor a home folder is known)");
  } else {
    const file = flavour(env.platform).join(cargoBin, executableName(env.platform));
    if (env.isExecutable(file)) {
      return { ok: true, path: file, source: 'cargo' };
    }
    tried.push(file);
  }
  return {
    ok: false,
    message: `${executableName(env.platform)} was not found. Tried, in order: ${tried.join('; ')}. ${INSTALL_HINT}`,
  };
}

/** `chant-lsp.exe` on Windows (spawning a `.cmd` or a name without extension fails there). */
export function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'chant-lsp.exe' : 'chant-lsp';
}

/** Where build-vsix.sh puts the server inside a platform package. */
export function bundledServerPath(extensionDir: string, platform: NodeJS.Platform): string {
  return flavour(platform).join(extensionDir, 'server', executableName(platform));
}

/** `~/…`, `${workspaceFolder}/…`, `${userHome}/…` and paths relative to the workspace folder. */
export function expandSetting(value: string, env: Environment): string {
  const p = flavour(env.platform);
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
  // On Windows this also turns `~/bin/x.exe` (forward slashes) into one backslash path.
  return p.normalize(out);
}

export function pathDirectories(env: Pick<Environment, 'pathVariable' | 'platform'>): string[] {
  const p = flavour(env.platform);
  // Windows allows quoted entries ("C:\Program Files\x"); the quotes are not part of the folder.
  return (env.pathVariable ?? '')
    .split(p.delimiter)
    .map((dir) => (env.platform === 'win32' ? dir.replaceAll('"', '') : dir))
    .filter((dir) => dir !== '');
}

function cargoBinDirectory(env: Environment): string | undefined {
  const p = flavour(env.platform);
  if (env.cargoHome !== undefined && env.cargoHome !== '') {
    return p.join(env.cargoHome, 'bin');
  }
  return env.home === undefined ? undefined : p.join(env.home, '.cargo', 'bin');
}

export function flavour(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
