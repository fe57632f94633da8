//! Unit tests of the settings sent to the server.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { needsRestart, serverSettings } from '../../src/settings.mts';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults: no overrides, archive off', () => {
  assert.deepEqual(serverSettings(reader({})), {
    settings: { chantLsp: { diagnostics: { severity: {} }, includeArchive: false } },
    problems: [],
  });
});

test('severities are passed on, lower-cased; bad ones are reported and dropped', () => {
  const values = {
    'diagnostics.severity': { 'spec-id-in-body': 'off', complexity: 'Hint', 'unknown-field': 'loud', x: 3 },
    includeArchive: true,
  };
  assert.deepEqual(serverSettings(reader(values)), {
    settings: {
      chantLsp: { diagnostics: { severity: { 'spec-id-in-body': 'off', complexity: 'hint' } }, includeArchive: true },
    },
    problems: [
      'chantLsp.diagnostics.severity.unknown-field: "loud" is not one of error, warning, information, hint, off',
      'chantLsp.diagnostics.severity.x: "3" is not one of error, warning, information, hint, off',
    ],
  });
});

test('a severity setting that is not an object is reported', () => {
  const { settings, problems } = serverSettings(reader({ 'diagnostics.severity': ['off'], includeArchive: 'yes' }));
  assert.deepEqual(settings.chantLsp, { diagnostics: { severity: {} }, includeArchive: false });
  assert.deepEqual(problems, ['chantLsp.diagnostics.severity must be an object of code → severity']);
});

test('only the server path needs a new process', () => {
  assert.equal(needsRestart((s) => s === 'chantLsp.server.path'), true);
  assert.equal(needsRestart((s) => s === 'chantLsp.includeArchive'), false);
});
