//! Unit tests of the checks on JSON the server hands to the extension's commands.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseShowReferences, prMarkdown } from '../../src/protocolValues.mts';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };

test('showReferences arguments as the server sends them', () => {
  const args = ['file:///w/a.md', { line: 3, character: 0 }, [{ uri: 'file:///w/b.md', range }]];
  assert.deepEqual(parseShowReferences(args), {
    uri: 'file:///w/a.md',
    position: { line: 3, character: 0 },
    locations: [{ uri: 'file:///w/b.md', range }],
  });
  assert.deepEqual(parseShowReferences(['file:///w/a.md', { line: 0, character: 0 }, []])?.locations, []);
});

test('malformed showReferences arguments are refused', () => {
  assert.equal(parseShowReferences([]), undefined);
  assert.equal(parseShowReferences(['file:///w/a.md', { line: 'x', character: 0 }, []]), undefined);
  assert.equal(parseShowReferences(['file:///w/a.md', { line: 0, character: 0 }, [{ uri: 1, range }]]), undefined);
  assert.equal(parseShowReferences(['file:///w/a.md', { line: 0, character: 0 }, [{ uri: 'x' }]]), undefined);
});

test('prDescription answers', () => {
  assert.equal(prMarkdown({ markdown: '## Summary\n' }), '## Summary\n');
  assert.equal(prMarkdown(null), undefined);
  assert.equal(prMarkdown({ markdown: 3 }), undefined);
  assert.equal(prMarkdown('text'), undefined);
});
