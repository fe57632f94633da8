//! Unit tests of the server binary lookup.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { type Environment, INSTALL_HINT, resolveServerPath } from '../../src/serverPath.mts';

function env(executables: string[], overrides: Partial<Environment> = {}): Environment {
  return {
    pathVariable: '/usr/local/bin:/home/ann/.cargo/bin',
    home: '/home/ann',
    workspaceFolder: '/work/project',
    platform: 'linux',
    isExecutable: (file) => executables.includes(file),
    ...overrides,
  };
}

test('an empty setting searches PATH in order', () => {
  const both = env(['/usr/local/bin/chant-lsp', '/home/ann/.cargo/bin/chant-lsp']);
  assert.deepEqual(resolveServerPath('', both), { ok: true, path: '/usr/local/bin/chant-lsp' });
  const cargo = env(['/home/ann/.cargo/bin/chant-lsp']);
  assert.deepEqual(resolveServerPath(undefined, cargo), { ok: true, path: '/home/ann/.cargo/bin/chant-lsp' });
  assert.deepEqual(resolveServerPath('   ', cargo), { ok: true, path: '/home/ann/.cargo/bin/chant-lsp' });
});

test('not on PATH: the message says how to install', () => {
  assert.deepEqual(resolveServerPath('', env([])), {
    ok: false,
    message: `chant-lsp was not found on PATH. ${INSTALL_HINT}`,
  });
  assert.deepEqual(resolveServerPath('', env([], { pathVariable: undefined })), {
    ok: false,
    message: `chant-lsp was not found on PATH. ${INSTALL_HINT}`,
  });
});

test('the setting is expanded and wins over PATH', () => {
  const all = env([
    '/usr/local/bin/chant-lsp',
    '/home/ann/bin/chant-lsp',
    '/work/project/target/release/chant-lsp',
    '/opt/chant-lsp',
  ]);
  assert.deepEqual(resolveServerPath('~/bin/chant-lsp', all), { ok: true, path: '/home/ann/bin/chant-lsp' });
  assert.deepEqual(resolveServerPath('${userHome}/bin/chant-lsp', all), { ok: true, path: '/home/ann/bin/chant-lsp' });
  const inFolder = { ok: true, path: '/work/project/target/release/chant-lsp' };
  assert.deepEqual(resolveServerPath('${workspaceFolder}/target/release/chant-lsp', all), inFolder);
  assert.deepEqual(resolveServerPath('target/release/chant-lsp', all), inFolder);
  assert.deepEqual(resolveServerPath('/opt/chant-lsp', all), { ok: true, path: '/opt/chant-lsp' });
});

test('a setting that points at nothing is an error, not a silent PATH fallback', () => {
  const onPath = env(['/usr/local/bin/chant-lsp']);
  assert.deepEqual(resolveServerPath('~/nowhere/chant-lsp', onPath), {
    ok: false,
    message: `chantLsp.server.path is "~/nowhere/chant-lsp", but /home/ann/nowhere/chant-lsp is not an executable file. ${INSTALL_HINT}`,
  });
});

test('a tilde inside a name is not a home folder', () => {
  const odd = env(['/work/project/a~b/chant-lsp']);
  assert.deepEqual(resolveServerPath('a~b/chant-lsp', odd), { ok: true, path: '/work/project/a~b/chant-lsp' });
});

test('Windows: .exe on PATH, backslash paths', () => {
  const windows = env(['C:\\tools\\chant-lsp.exe'], {
    platform: 'win32',
    pathVariable: 'C:\\Windows;C:\\tools',
    home: 'C:\\Users\\ann',
    workspaceFolder: 'C:\\work',
  });
  assert.deepEqual(resolveServerPath('', windows), { ok: true, path: 'C:\\tools\\chant-lsp.exe' });
});
