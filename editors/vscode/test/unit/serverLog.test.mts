//! Unit tests of how the server's stderr is leveled for the log channel.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LineSplitter, parseLogLine } from '../../src/serverLog.mts';

test('tracing lines keep their level and lose the server timestamp', () => {
  assert.deepEqual(parseLogLine('2026-11-26T21:28:14.519990Z  INFO chant_lsp::server::handlers: initialize'), {
    level: 'info',
    text: 'chant_lsp::server::handlers: initialize',
  });
  assert.deepEqual(parseLogLine('2026-11-26T21:28:18.483771Z ERROR chant_lsp::server: request failed'), {
    level: 'error',
    text: 'chant_lsp::server: request failed',
  });
  assert.equal(parseLogLine('2026-11-26T21:28:18.483771Z  WARN x: y').level, 'warn');
});

test('other lines (a panic) are errors, as they are', () => {
  assert.deepEqual(parseLogLine("thread 'main' panicked at src/main.rs:1:1"), {
    level: 'error',
    text: "thread 'main' panicked at src/main.rs:1:1",
  });
});

test('chunks are cut into whole lines', () => {
  const lines = new LineSplitter();
  assert.deepEqual(lines.push('one\ntw'), ['one']);
  assert.deepEqual(lines.push('o\r\n\nthree'), ['two']);
  assert.deepEqual(lines.flush(), ['three']);
  assert.deepEqual(lines.flush(), []);
});
