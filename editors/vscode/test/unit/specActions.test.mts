//! The spec actions' pure parts: finding chant, the command lines, the lenses a spec gets, and
//! the file `chant add` writes when the extension writes it itself.

import assert from 'node:assert/strict';
import test from 'node:test';

import { actionArgs, CHANT_INSTALL_HINT, commandLine, resolveChantPath, shellQuote } from '../../src/chantCli.mts';
import { createdId, formatBase36, localDate, nextSpecId, specSkeleton } from '../../src/newSpec.mts';
import { lensActions, titleLine } from '../../src/specActionModel.mts';
import type { GraphNode } from '../../src/specGraph.mts';

const env = (pathVariable: string, executables: string[]) => ({
  pathVariable,
  home: '/home/u',
  cargoHome: undefined,
  extensionDir: '/ext',
  workspaceFolder: '/w',
  platform: 'linux' as const,
  isExecutable: (f: string) => executables.includes(f),
});

test('chant is the setting, else chant on PATH, else a message saying how to install it', () => {
  assert.deepEqual(resolveChantPath('~/bin/chant', env('/usr/bin', ['/home/u/bin/chant', '/usr/bin/chant'])), {
    ok: true,
    path: '/home/u/bin/chant',
    source: 'setting',
  });
  assert.deepEqual(resolveChantPath('', env('/a:/usr/bin', ['/usr/bin/chant'])), {
    ok: true,
    path: '/usr/bin/chant',
    source: 'PATH',
  });
  assert.deepEqual(resolveChantPath('', env('/a:/b', [])), { ok: false, message: CHANT_INSTALL_HINT });
  const wrong = resolveChantPath('/nope/chant', env('/usr/bin', ['/usr/bin/chant']));
  assert.deepEqual(wrong, { ok: false, message: 'chantLsp.chant.path is "/nope/chant", but /nope/chant is not an executable file.' });
});

test('each action is chant subcommand ID; approve adds --by NAME; the line is quoted for the shell', () => {
  const onPath = { ok: true as const, path: '/usr/bin/chant', source: 'PATH' as const };
  const set = { ok: true as const, path: '/opt/my tools/chant', source: 'setting' as const };
  assert.equal(commandLine(onPath, actionArgs('work', '2026-01-22-001-x7m'), 'linux'), 'chant work 2026-01-22-001-x7m');
  assert.equal(commandLine(onPath, actionArgs('approve', 'a.1', 'Ada Lovelace'), 'linux'), "chant approve a.1 --by 'Ada Lovelace'");
  assert.equal(commandLine(onPath, actionArgs('finalize', 'x'), 'linux'), 'chant finalize x');
  assert.equal(commandLine(onPath, actionArgs('cancel', 'x'), 'linux'), 'chant cancel x');
  assert.equal(commandLine(set, actionArgs('show', 'x'), 'linux'), "'/opt/my tools/chant' show x");
  assert.equal(commandLine(set, actionArgs('show', 'x'), 'win32'), "& '/opt/my tools/chant' show x");
  assert.equal(shellQuote("it's", 'linux'), "'it'\\''s'");
  assert.equal(shellQuote("it's", 'win32'), "'it''s'");
});

const node = (over: Partial<GraphNode>): GraphNode => ({
  id: 'x',
  title: 'X',
  status: 'pending',
  type: 'code',
  ready: false,
  blockedBy: [],
  path: '.chant/specs/x.md',
  archived: false,
  criteria: null,
  ...over,
});

test('lenses: Work when ready, Approve while approval holds it, Finalize when every criterion is checked', () => {
  const titles = (n: GraphNode) => lensActions(n).map((a) => `${a.title}=${a.action}`);
  assert.deepEqual(titles(node({ ready: true, criteria: { checked: 0, total: 2 } })), ['▶ Work=work']);
  assert.deepEqual(titles(node({ blockedBy: ['a', 'approval'] })), ['Approve=approve']);
  assert.deepEqual(titles(node({ status: 'in_progress', criteria: { checked: 2, total: 2 } })), ['Finalize=finalize']);
  assert.deepEqual(titles(node({ status: 'completed', criteria: { checked: 2, total: 2 } })), []);
  assert.deepEqual(titles(node({ blockedBy: ['a'] })), []);
});

test('the lens line is the first # heading after the frontmatter, outside fences', () => {
  assert.equal(titleLine('---\nstatus: pending\n---\n# Title\n'), 3);
  assert.equal(titleLine('---\na: b\n---\n```sh\n# not this\n```\n# This\n'), 6);
  assert.equal(titleLine('---\na: b\n---\nno title\n'), undefined);
});

test("new ids follow chant's scheme: date, next base-36 sequence of that date, random suffix", () => {
  assert.equal(localDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(formatBase36(10, 3), '00a');
  assert.equal(formatBase36(36, 3), '010');
  const names = ['2026-01-05-009-abc.md', '2026-01-05-00a-xyz.2.md', '2026-01-04-0zz-qqq.md', 'notes.txt', '005-fork.md'];
  assert.equal(nextSpecId(names, '2026-01-05', () => 0), '2026-01-05-00b-000');
  assert.equal(nextSpecId([], '2026-01-05', () => 0.999), '2026-01-05-001-zzz');
});

test("the file is chant add's skeleton; a long description is split into title and body", () => {
  assert.equal(specSkeleton('Fix the login'), '---\ntype: code\nstatus: pending\n---\n\n# Fix the login\n');
  const long = 'Make the importer stream its input. Today it reads the whole file into memory before it starts.';
  assert.equal(
    specSkeleton(long),
    '---\ntype: code\nstatus: pending\n---\n\n# Make the importer stream its input.\nToday it reads the whole file into memory before it starts.\n',
  );
  assert.equal(createdId('\u001b[32mCreated\u001b[0m \u001b[36m2026-01-05-001-abc\u001b[0m\nEdit: x\n'), '2026-01-05-001-abc');
  assert.equal(createdId('Error: nope\n'), undefined);
});
