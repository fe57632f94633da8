//! The graph view's geometry.

import assert from 'node:assert/strict';
import test from 'node:test';

import { fitView, PX_PER_PT, zoomAt } from '../../src/webview/viewMath.mts';

test('zooming keeps the point under the cursor in place', () => {
  const v = zoomAt({ scale: 1, x: 10, y: 20 }, 2, 110, 220);
  assert.deepEqual(v, { scale: 2, x: -90, y: -180 });
  // The drawing point under (110, 220) was (100, 200) before and is after.
  assert.equal((110 - v.x) / v.scale, 100);
});

test('fit centres the drawing and never exceeds the maximum scale', () => {
  assert.deepEqual(fitView(100, 50, 516, 216, PX_PER_PT), { scale: PX_PER_PT, x: (516 - 100 * PX_PER_PT) / 2, y: (216 - 50 * PX_PER_PT) / 2 });
  const big = fitView(10000, 1000, 1016, 616, Infinity);
  assert.equal(big.scale, 0.1);
});
