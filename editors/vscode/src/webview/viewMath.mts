//! The graph view's geometry: a scale (CSS pixels per Graphviz point) and a pan offset, zoom
//! about a point, fitting a drawing into the viewport.
// Pure, so it is unit-tested without a browser.

/** 100 %: a Graphviz point is a CSS point (4/3 px), the size Graphviz itself gives its SVG. */
export const PX_PER_PT = 4 / 3;
const MIN_SCALE = PX_PER_PT * 0.02;
const MAX_SCALE = PX_PER_PT * 8;

export interface View {
  /** CSS pixels per SVG unit. */
  scale: number;
  /** Where the drawing's top-left corner is, in viewport pixels. */
  x: number;
  y: number;
}

export function clampZoom(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Zooms by `factor`, keeping the drawing's point under (px, py) where it is. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const scale = clampZoom(view.scale * factor);
  const k = scale / view.scale;
  return { scale, x: px - (px - view.x) * k, y: py - (py - view.y) * k };
}

/** The whole drawing centred in the viewport, no larger than `maxScale`. */
export function fitView(width: number, height: number, vw: number, vh: number, maxScale: number): View {
  const margin = 16;
  const fit = Math.min((vw - margin) / Math.max(width, 1), (vh - margin) / Math.max(height, 1));
  const scale = clampZoom(Math.min(fit, maxScale));
  return { scale, x: (vw - width * scale) / 2, y: Math.max(margin / 2, (vh - height * scale) / 2) };
}
