//! Unit tests of which folders and files the client attaches to, with POSIX and Windows paths.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { chantRoots, documentSelector, folderRoot, rootOfChantFile } from '../../src/selector.mts';
import { vscodeGlobMatches } from './vscodeGlob.mts';

const withChant = (dirs: string[]) => (dir: string) => dirs.includes(dir);

test('a folder with .chant/ is a root; a folder without is not', () => {
  const has = withChant(['/work/app']);
  assert.deepEqual(chantRoots(['/work/app', '/work/notes'], [], has, 'linux'), ['/work/app']);
  assert.deepEqual(chantRoots(['/work/notes'], [], has, 'linux'), []);
});

test('a folder opened inside a chant project attaches to the project', () => {
  const has = withChant(['/work/app']);
  assert.deepEqual(chantRoots(['/work/app/.chant/specs'], [], has, 'linux'), ['/work/app']);
  assert.deepEqual(chantRoots(['/work/app/docs/deep'], [], has, 'linux'), ['/work/app']);
});

test('projects found below a folder are roots; nested ones fold into the outer root', () => {
  const found = ['/mono/svc-a/.chant/config.md', '/mono/svc-b/.chant/specs/001-x.md', '/mono/svc-a/sub/.chant/config.md'];
  assert.deepEqual(chantRoots(['/mono'], found, withChant([]), 'linux'), ['/mono/svc-a', '/mono/svc-b']);
});

test('a folder in a root needs no search: projects found below it fold into that root', () => {
  const has = withChant(['/work/app', '/work/app/sub']);
  assert.equal(folderRoot('/work/app/docs', has, 'linux'), '/work/app');
  assert.equal(folderRoot('/work/notes', has, 'linux'), undefined);
  const found = ['/work/app/sub/.chant/config.md', '/work/app/other/.chant/specs/001-x.md'];
  assert.deepEqual(chantRoots(['/work/app'], found, has, 'linux'), chantRoots(['/work/app'], [], has, 'linux'));
});

test('the root of a file under .chant', () => {
  assert.equal(rootOfChantFile('/a/b/.chant/specs/x.md', 'linux'), '/a/b');
  assert.equal(rootOfChantFile('/.chant/specs/x.md', 'linux'), '/');
  assert.equal(rootOfChantFile('/a/b/chant/x.md', 'linux'), undefined);
  assert.equal(rootOfChantFile('/a/.chant/b/.chant/specs/x.md', 'linux'), '/a/.chant/b');
});

test('one markdown filter per root, glob characters matched literally', () => {
  assert.deepEqual(documentSelector(['/work/app', '/work/odd[1]{x}*?/'], 'linux'), [
    { scheme: 'file', language: 'markdown', pattern: '/work/app/**/*.md' },
    { scheme: 'file', language: 'markdown', pattern: '/work/odd[[]1][{]x[}][*][?]/**/*.md' },
  ]);
  assert.deepEqual(documentSelector(['/'], 'linux'), [{ scheme: 'file', language: 'markdown', pattern: '/**/*.md' }]);
});

test('POSIX patterns match markdown below the root only', () => {
  const [app, odd] = documentSelector(['/work/app', '/work/odd[1]*'], 'linux').map((f) => f.pattern);
  assert.equal(vscodeGlobMatches(app, '/work/app/.chant/specs/001-x.md'), true);
  assert.equal(vscodeGlobMatches(app, '/work/app/README.md'), true);
  assert.equal(vscodeGlobMatches(app, '/work/app/.chant/specs/001-x.txt'), false);
  assert.equal(vscodeGlobMatches(app, '/work/apple/.chant/specs/001-x.md'), false);
  assert.equal(vscodeGlobMatches(app, '/work/notes.md'), false);
  assert.equal(vscodeGlobMatches(odd, '/work/odd[1]*/.chant/specs/x.md'), true);
  assert.equal(vscodeGlobMatches(odd, '/work/odd1x/.chant/specs/x.md'), false);
});

test('Windows: roots from backslash paths, drive roots, UNC shares', () => {
  const has = withChant(['C:\\Users\\ann\\proj']);
  assert.deepEqual(chantRoots(['C:\\Users\\ann\\proj\\docs'], [], has, 'win32'), ['C:\\Users\\ann\\proj']);
  assert.deepEqual(chantRoots(['C:\\Users\\ann\\other'], [], has, 'win32'), []);
  assert.equal(rootOfChantFile('c:\\Users\\ann\\proj\\.chant\\specs\\x.md', 'win32'), 'c:\\Users\\ann\\proj');
  assert.equal(rootOfChantFile('C:\\.chant\\specs\\x.md', 'win32'), 'C:\\');
  assert.equal(rootOfChantFile('\\\\server\\share\\proj\\.chant\\config.md', 'win32'), '\\\\server\\share\\proj');
  assert.equal(rootOfChantFile('C:\\Users\\ann\\chant\\x.md', 'win32'), undefined);
});

test('Windows: nested roots fold into the outer one, whatever the case', () => {
  const found = ['c:\\mono\\svc-a\\.chant\\config.md', 'C:\\Mono\\svc-a\\sub\\.chant\\config.md', 'c:\\mono\\svc-b\\.chant\\specs\\1.md'];
  assert.deepEqual(chantRoots(['c:\\mono'], found, withChant([]), 'win32'), ['c:\\mono\\svc-a', 'c:\\mono\\svc-b']);
});

test('Windows: patterns use / and a [cC] drive class', () => {
  assert.deepEqual(documentSelector(['C:\\Users\\ann\\proj', 'd:\\', '\\\\server\\share\\p{1}'], 'win32'), [
    { scheme: 'file', language: 'markdown', pattern: '[cC]:/Users/ann/proj/**/*.md' },
    { scheme: 'file', language: 'markdown', pattern: '[dD]:/**/*.md' },
    { scheme: 'file', language: 'markdown', pattern: '//server/share/p[{]1[}]/**/*.md' },
  ]);
});

test('Windows: patterns match the fsPath VS Code gives a spec (lower-case drive, backslashes)', () => {
  const [proj, drive, share] = documentSelector(['C:\\Users\\ann\\proj', 'D:\\', '\\\\server\\share\\p'], 'win32').map(
    (f) => f.pattern,
  );
  assert.equal(vscodeGlobMatches(proj, 'c:\\Users\\ann\\proj\\.chant\\specs\\x.md'), true);
  assert.equal(vscodeGlobMatches(proj, 'C:\\Users\\ann\\proj\\.chant\\specs\\x.md'), true);
  assert.equal(vscodeGlobMatches(proj, 'c:\\Users\\ann\\proj\\README.md'), true);
  assert.equal(vscodeGlobMatches(proj, 'c:\\Users\\ann\\project\\.chant\\specs\\x.md'), false);
  assert.equal(vscodeGlobMatches(proj, 'd:\\Users\\ann\\proj\\.chant\\specs\\x.md'), false);
  assert.equal(vscodeGlobMatches(proj, 'c:\\Users\\ann\\proj\\.chant\\specs\\x.txt'), false);
  assert.equal(vscodeGlobMatches(drive, 'd:\\.chant\\specs\\x.md'), true);
  assert.equal(vscodeGlobMatches(share, '\\\\server\\share\\p\\.chant\\specs\\x.md'), true);
  assert.equal(vscodeGlobMatches(share, '\\\\server\\share\\q\\.chant\\specs\\x.md'), false);
});
