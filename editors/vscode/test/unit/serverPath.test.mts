//! Unit tests of the server binary lookup, with POSIX and Windows paths.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bundledServerPath, type Environment, INSTALL_HINT, resolveServerPath } from '../../src/serverPath.mts';

function env(executables: string[], overrides: Partial<Environment> = {}): Environment {
  return {
    pathVariable: '/usr/local/bin:/usr/bin',
    home: '/home/ann',
    cargoHome: undefined,
    extensionDir: '/home/ann/.vscode/extensions/chant-lsp.chant-lsp-0.1.0-linux-x64',
    workspaceFolder: '/work/project',
    platform: 'linux',
    isExecutable: (file) => executables.includes(file),
    ...overrides,
  };
}

const BUNDLED = '/home/ann/.vscode/extensions/chant-lsp.chant-lsp-0.1.0-linux-x64/server/chant-lsp';

function windows(executables: string[], overrides: Partial<Environment> = {}): Environment {
  return env(executables, {
    platform: 'win32',
    pathVariable: 'C:\\Windows\\system32;"C:\\Program Files\\tools";;C:\\tools',
    home: 'C:\\Users\\ann',
    extensionDir: 'C:\\Users\\ann\\.vscode\\extensions\\chant-lsp.chant-lsp-0.1.0-win32-x64',
    workspaceFolder: 'C:\\work',
    ...overrides,
  });
}

test('the order: setting, bundled binary, PATH, then ~/.cargo/bin', () => {
  const everywhere = [
    '/opt/chant-lsp',
    BUNDLED,
    '/usr/local/bin/chant-lsp',
    '/usr/bin/chant-lsp',
    '/home/ann/.cargo/bin/chant-lsp',
  ];
  assert.deepEqual(resolveServerPath('/opt/chant-lsp', env(everywhere)), {
    ok: true,
    path: '/opt/chant-lsp',
    source: 'setting',
  });
  assert.deepEqual(resolveServerPath('', env(everywhere)), { ok: true, path: BUNDLED, source: 'bundled' });
  assert.deepEqual(resolveServerPath(undefined, env(everywhere.slice(2))), {
    ok: true,
    path: '/usr/local/bin/chant-lsp',
    source: 'PATH',
  });
  assert.deepEqual(resolveServerPath('   ', env(everywhere.slice(3))), {
    ok: true,
    path: '/usr/bin/chant-lsp',
    source: 'PATH',
  });
  assert.deepEqual(resolveServerPath('', env(everywhere.slice(4))), {
    ok: true,
    path: '/home/ann/.cargo/bin/chant-lsp',
    source: 'cargo',
  });
});

test('CARGO_HOME moves the Cargo bin folder', () => {
  const custom = env(['/opt/cargo/bin/chant-lsp'], { cargoHome: '/opt/cargo' });
  assert.deepEqual(resolveServerPath('', custom), { ok: true, path: '/opt/cargo/bin/chant-lsp', source: 'cargo' });
});

test('found nowhere: the message names every place tried, in order', () => {
  assert.deepEqual(resolveServerPath('', env([])), {
    ok: false,
    message:
      'chant-lsp was not found. Tried, in order: chantLsp.server.path (not set); the binary bundled with ' +
      `the extension (${BUNDLED}); PATH (/usr/local/bin, /usr/bin); /home/ann/.cargo/bin/chant-lsp. ${INSTALL_HINT}`,
  });
  assert.deepEqual(resolveServerPath('', env([], { pathVariable: undefined, home: undefined })), {
    ok: false,
    message:
      'chant-lsp was not found. Tried, in order: chantLsp.server.path (not set); the binary bundled with ' +
      `the extension (${BUNDLED}); PATH (empty); Cargo's bin folder (neither CARGO_HOME nor a home folder ` +
      `is known). ${INSTALL_HINT}`,
  });
});

test('the setting is expanded', () => {
  const all = env(['/home/ann/bin/chant-lsp', '/work/project/target/release/chant-lsp']);
  const home = { ok: true, path: '/home/ann/bin/chant-lsp', source: 'setting' };
  assert.deepEqual(resolveServerPath('~/bin/chant-lsp', all), home);
  assert.deepEqual(resolveServerPath('${userHome}/bin/chant-lsp', all), home);
  const inFolder = { ok: true, path: '/work/project/target/release/chant-lsp', source: 'setting' };
  assert.deepEqual(resolveServerPath('${workspaceFolder}/target/release/chant-lsp', all), inFolder);
  assert.deepEqual(resolveServerPath('target/release/chant-lsp', all), inFolder);
});

test('a setting that points at nothing is an error, not a silent fallback', () => {
  const elsewhere = env([BUNDLED, '/usr/local/bin/chant-lsp']);
  assert.deepEqual(resolveServerPath('~/nowhere/chant-lsp', elsewhere), {
    ok: false,
    message:
      'chantLsp.server.path is "~/nowhere/chant-lsp", but /home/ann/nowhere/chant-lsp is not an executable ' +
      "file (the bundled binary, PATH and Cargo's bin folder are not searched while it is set). " +
      INSTALL_HINT,
  });
});

test('a tilde inside a name is not a home folder', () => {
  const odd = env(['/work/project/a~b/chant-lsp']);
  assert.deepEqual(resolveServerPath('a~b/chant-lsp', odd), {
    ok: true,
    path: '/work/project/a~b/chant-lsp',
    source: 'setting',
  });
});

test('Windows: the bundled binary is server\\chant-lsp.exe', () => {
  assert.equal(
    bundledServerPath('C:\\Users\\ann\\.vscode\\extensions\\x', 'win32'),
    'C:\\Users\\ann\\.vscode\\extensions\\x\\server\\chant-lsp.exe',
  );
  const bundled = 'C:\\Users\\ann\\.vscode\\extensions\\chant-lsp.chant-lsp-0.1.0-win32-x64\\server\\chant-lsp.exe';
  assert.deepEqual(resolveServerPath('', windows([bundled, 'C:\\tools\\chant-lsp.exe'])), {
    ok: true,
    path: bundled,
    source: 'bundled',
  });
});

test('Windows: PATH entries split on ";", quotes dropped, only chant-lsp.exe runs', () => {
  assert.deepEqual(resolveServerPath('', windows(['C:\\tools\\chant-lsp.exe'])), {
    ok: true,
    path: 'C:\\tools\\chant-lsp.exe',
    source: 'PATH',
  });
  assert.deepEqual(resolveServerPath('', windows(['C:\\Program Files\\tools\\chant-lsp.exe'])), {
    ok: true,
    path: 'C:\\Program Files\\tools\\chant-lsp.exe',
    source: 'PATH',
  });
  // A .cmd shim or a file without extension cannot be spawned without a shell.
  const shims = windows(['C:\\tools\\chant-lsp.cmd', 'C:\\tools\\chant-lsp']);
  assert.equal(resolveServerPath('', shims).ok, false);
});

test('Windows: ~/.cargo/bin and the message use backslash paths', () => {
  assert.deepEqual(resolveServerPath('', windows(['C:\\Users\\ann\\.cargo\\bin\\chant-lsp.exe'])), {
    ok: true,
    path: 'C:\\Users\\ann\\.cargo\\bin\\chant-lsp.exe',
    source: 'cargo',
  });
  assert.deepEqual(resolveServerPath('', windows([])), {
    ok: false,
    message:
      'chant-lsp.exe was not found. Tried, in order: chantLsp.server.path (not set); the binary bundled with ' +
      'the extension (C:\\Users\\ann\\.vscode\\extensions\\chant-lsp.chant-lsp-0.1.0-win32-x64\\server\\chant-lsp.exe); ' +
      'PATH (C:\\Windows\\system32; C:\\Program Files\\tools; C:\\tools); ' +
      `C:\\Users\\ann\\.cargo\\bin\\chant-lsp.exe. ${INSTALL_HINT}`,
  });
});

test('Windows: settings with ~, either slash, ${workspaceFolder} and relative paths', () => {
  const files = ['C:\\Users\\ann\\bin\\chant-lsp.exe', 'C:\\work\\target\\release\\chant-lsp.exe'];
  const found = (file: string) => ({ ok: true, path: file, source: 'setting' });
  assert.deepEqual(resolveServerPath('~\\bin\\chant-lsp.exe', windows(files)), found(files[0]));
  assert.deepEqual(resolveServerPath('~/bin/chant-lsp.exe', windows(files)), found(files[0]));
  assert.deepEqual(resolveServerPath('${userHome}\\bin\\chant-lsp.exe', windows(files)), found(files[0]));
  assert.deepEqual(resolveServerPath('${workspaceFolder}/target/release/chant-lsp.exe', windows(files)), found(files[1]));
  assert.deepEqual(resolveServerPath('target\\release\\chant-lsp.exe', windows(files)), found(files[1]));
  assert.deepEqual(resolveServerPath('c:/work/target/release/chant-lsp.exe', windows(files.map((f) => f.toLowerCase()))), found('c:\\work\\target\\release\\chant-lsp.exe'));
});
