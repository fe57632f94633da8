//! Drives the real chant-lsp binary over stdio with a client built on
//! vscode-languageserver-protocol, declaring VS Code's client capabilities (UTF-16 positions
//! only): the fast check of what the VS Code extension relies on, without a browser.
//!
//! The binary: $CHANT_LSP_SERVER, else target/release/chant-lsp of this checkout.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import protocol from 'vscode-languageserver-protocol/node';
import type {
  Diagnostic,
  ProtocolConnection,
  PublishDiagnosticsParams,
  TextEdit,
} from 'vscode-languageserver-protocol/node';

import { vscodeClientCapabilities } from './vscodeCapabilities.mts';

// A CommonJS package: its named exports are read off the default export.
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = protocol;

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const serverPath = process.env.CHANT_LSP_SERVER ?? path.join(repo, 'target/release/chant-lsp');

const SPEC = '.chant/specs/006-upstream-pr.md';
const CRITERIA = '.chant/specs/007-e2e-criteria.md';
const DEPENDENCY = '.chant/archive/005-fork-f/005-fork-fix.md';

let workspace: string;
let server: ChildProcess;
let connection: ProtocolConnection;
const published = new Map<string, PublishDiagnosticsParams>();
const waiters: (() => void)[] = [];

const uri = (rel: string) => pathToFileURL(path.join(workspace, rel)).href;
const read = (rel: string) => fs.readFileSync(path.join(workspace, rel), 'utf8');

before(async () => {
  assert.ok(fs.existsSync(serverPath), `no server binary at ${serverPath}: run cargo build --release`);
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-lsp-protocol-'));
  fs.cpSync(path.join(repo, 'examples/oss-maintainer-workflow'), workspace, { recursive: true });
  fs.cpSync(path.join(here, '../fixture'), workspace, { recursive: true });

  server = spawn(serverPath, ['--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  connection = createProtocolConnection(
    new StreamMessageReader(server.stdout!),
    new StreamMessageWriter(server.stdin!),
  );
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.set(params.uri, params);
    waiters.splice(0).forEach((wake) => wake());
  });
  // What VS Code answers to the server's own requests.
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.listen();

  const result = await connection.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code', version: '1.139.1' },
    locale: 'en',
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: path.basename(workspace) }],
    capabilities: vscodeClientCapabilities,
    initializationOptions: { chantLsp: { diagnostics: { severity: {} }, includeArchive: false } },
  });
  const capabilities = (result as { capabilities: Record<string, unknown> }).capabilities;
  assert.equal(capabilities.positionEncoding, 'utf-16');
  assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: true });
  await connection.sendNotification('initialized', {});
});

after(async () => {
  if (connection !== undefined) {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  }
  const code = await new Promise<number | null>((resolve) => {
    if (server.exitCode !== null) {
      resolve(server.exitCode);
    }
    server.on('exit', (c) => resolve(c));
  });
  connection?.dispose();
  fs.rmSync(workspace, { recursive: true, force: true });
  assert.equal(code, 0, 'the server exits cleanly after shutdown + exit');
});

/** Waits until `check` holds for the diagnostics published so far (fails after 10 s). */
async function diagnosticsWhere(rel: string, check: (p: PublishDiagnosticsParams) => boolean) {
  const end = Date.now() + 10_000;
  for (;;) {
    const params = published.get(uri(rel));
    if (params !== undefined && check(params)) {
      return params;
    }
    assert.ok(Date.now() < end, `timed out waiting for diagnostics of ${rel}: ${JSON.stringify(params)}`);
    await new Promise<void>((wake) => {
      waiters.push(wake);
      setTimeout(wake, 200);
    });
  }
}

function openDocument(rel: string, version = 1) {
  const text = read(rel);
  return connection
    .sendNotification('textDocument/didOpen', {
      textDocument: { uri: uri(rel), languageId: 'markdown', version, text },
    })
    .then(() => text);
}

/** `line:character-line:character code severity`, one string per diagnostic, sorted. */
function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      return `${start.line}:${start.character}-${end.line}:${end.character} ${String(d.code)} ${d.severity}`;
    })
    .sort();
}

/** Applies LSP edits (UTF-16 positions, as JavaScript strings index) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce(
    (out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)),
    text,
  );
}

test('an opened spec gets its diagnostics', async () => {
  await openDocument(SPEC);
  const params = await diagnosticsWhere(SPEC, (p) => p.diagnostics.length > 0);
  assert.deepEqual(summary(params.diagnostics), [
    '1:6-1:19 type-field-missing 2',
    '1:6-1:19 type-field-missing 2',
    '4:2-4:14 archived-dependency 2',
    '9:2-9:36 missing-file 2',
  ]);
});

test('positions after non-ASCII text are UTF-16 code units', async () => {
  const text = await openDocument(CRITERIA);
  const params = await diagnosticsWhere(CRITERIA, (p) => p.diagnostics.some((d) => d.code === 'missing-file'));
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('"docs/missing.md"'));
  const start = lines[line].indexOf('"docs/missing.md"');
  const missing = params.diagnostics.find((d) => d.code === 'missing-file')!;
  assert.deepEqual(missing.range, {
    start: { line, character: start },
    end: { line, character: start + '"docs/missing.md"'.length },
  });
  assert.equal(start, 30, 'ï counts one unit and 😀 two, where UTF-8 would count 2 and 4 bytes');
});

test('definition on a depends_on id lands on the target title', async () => {
  const text = read(SPEC);
  const line = text.split('\n').findIndex((l) => l.includes('005-fork-fix'));
  const character = text.split('\n')[line].indexOf('005-fork-fix') + 3;
  const answer = await connection.sendRequest('textDocument/definition', {
    textDocument: { uri: uri(SPEC) },
    position: { line, character },
  });
  const title = read(DEPENDENCY).split('\n').findIndex((l) => l.startsWith('# '));
  const titleText = read(DEPENDENCY).split('\n')[title];
  assert.deepEqual(answer, [
    {
      uri: uri(DEPENDENCY),
      range: { start: { line: title, character: 0 }, end: { line: title, character: titleText.length } },
    },
  ]);
});

test('"Mark done" checks the box, then "Mark not done" is offered', async () => {
  let text = read(CRITERIA);
  const line = text.split('\n').indexOf('- [ ] one');
  const ask = () =>
    connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(CRITERIA) },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics: [], triggerKind: 1 },
    }) as Promise<{ title: string; kind: string; edit?: { documentChanges: { edits: TextEdit[] }[] } }[]>;
  const first = await ask();
  assert.deepEqual(
    first.map((a) => `${a.kind} ${a.title}`),
    ['refactor.rewrite Mark done', 'refactor.rewrite Fill PR description'],
  );
  // VS Code declares documentChanges, so the edit names the document version it was made for.
  assert.deepEqual(first[0].edit, {
    documentChanges: [
      {
        textDocument: { uri: uri(CRITERIA), version: 1 },
        edits: [{ range: { start: { line, character: 3 }, end: { line, character: 4 } }, newText: 'x' }],
      },
    ],
  });
  const edits = first[0].edit!.documentChanges[0].edits;
  text = applyEdits(text, edits);
  assert.equal(text.split('\n')[line], '- [x] one');
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: uri(CRITERIA), version: 2 },
    contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  const second = await ask();
  assert.equal(second[0].title, 'Mark not done');
});

test('"Fill PR description" is offered without its edit and resolved on demand', async () => {
  const answer = (await connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri(SPEC) },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['refactor.rewrite'], triggerKind: 1 },
  })) as Record<string, unknown>[];
  const offered = { title: 'Fill PR description', kind: 'refactor.rewrite', data: { fillPrDescription: uri(SPEC) } };
  assert.deepEqual(answer, [offered]);
  const resolved = (await connection.sendRequest('codeAction/resolve', offered)) as {
    edit: { changes: Record<string, TextEdit[]> };
  };
  const [edit] = resolved.edit.changes[uri(SPEC)];
  assert.match(edit.newText, /^\n\n## Prepared PR Description\n\n```markdown\n## Summary\n/);
});

test('chant-lsp.prDescription answers the markdown', async () => {
  const answer = (await connection.sendRequest('workspace/executeCommand', {
    command: 'chant-lsp.prDescription',
    arguments: [{ uri: uri(SPEC) }],
  })) as { markdown: string };
  assert.match(answer.markdown, /^## Summary\n/);
  assert.match(answer.markdown, /#42/);
});
