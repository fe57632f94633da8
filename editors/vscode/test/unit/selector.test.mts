//! Unit tests of which folders and files the client attaches to.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { chantRoots, documentSelector, rootOfChantFile } from '../../src/selector.mts';

const withChant = (dirs: string[]) => (dir: string) => dirs.includes(dir);

test('a folder with .chant/ is a root; a folder without is not', () => {
  const has = withChant(['/work/app']);
  assert.deepEqual(chantRoots(['/work/app', '/work/notes'], [], has), ['/work/app']);
  assert.deepEqual(chantRoots(['/work/notes'], [], has), []);
});

test('a folder opened inside a chant project attaches to the project', () => {
  const has = withChant(['/work/app']);
  assert.deepEqual(chantRoots(['/work/app/.chant/specs'], [], has), ['/work/app']);
  assert.deepEqual(chantRoots(['/work/app/docs/deep'], [], has), ['/work/app']);
});

test('projects found below a folder are roots; nested ones fold into the outer root', () => {
  const found = ['/mono/svc-a/.chant/config.md', '/mono/svc-b/.chant/specs/001-x.md', '/mono/svc-a/sub/.chant/config.md'];
  assert.deepEqual(chantRoots(['/mono'], found, withChant([])), ['/mono/svc-a', '/mono/svc-b']);
});

test('the root of a file under .chant', () => {
  assert.equal(rootOfChantFile('/a/b/.chant/specs/x.md'), '/a/b');
  assert.equal(rootOfChantFile('/.chant/specs/x.md'), '/');
  assert.equal(rootOfChantFile('/a/b/chant/x.md'), undefined);
});

test('one markdown filter per root, glob characters matched literally', () => {
  assert.deepEqual(documentSelector(['/work/app', '/work/odd[1]{x}*?/']), [
    { scheme: 'file', language: 'markdown', pattern: '/work/app/**/*.md' },
    { scheme: 'file', language: 'markdown', pattern: '/work/odd[[]1][{]x[}][*][?]/**/*.md' },
  ]);
});
