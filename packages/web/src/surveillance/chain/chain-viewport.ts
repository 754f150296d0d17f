import type { ChainView } from './chain-layout.ts';
import { LABEL_FONT_SIZE } from './chain-style.ts';

/** The smallest zoom at which names are drawn at 11 px on screen: the first view never goes below. */
export const READABLE_ZOOM = 11 / LABEL_FONT_SIZE;
/** A small chain is not blown up beyond this. */
const MAX_START_ZOOM = 1.3;
export const PADDING = 16;
const MIN_HEIGHT = 280;

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
  /** Height of the canvas, in CSS pixels. */
  height: number;
}

/**
 * The first view of a chain in a canvas `width` wide and at most `maxHeight` high: the whole chain
 * when it fits with names readable, else names readable around `anchor` (the case the page is about,
 * or the origin) with the top of the chain in view when the anchor allows. The canvas is only as
 * tall as the drawing needs, so a small chain leaves no empty box and a phone scrolls the page.
 */
export function initialViewport(
  bounds: ChainView['bounds'],
  width: number,
  maxHeight: number,
  anchor?: { x: number; y: number },
): Viewport {
  const graphWidth = Math.max(1, bounds.right - bounds.left);
  const graphHeight = Math.max(1, bounds.bottom - bounds.top);
  const fit = Math.min((width - 2 * PADDING) / graphWidth, (maxHeight - 2 * PADDING) / graphHeight);
  const zoom = Math.min(MAX_START_ZOOM, Math.max(READABLE_ZOOM, fit));
  const height = Math.round(Math.min(maxHeight, Math.max(MIN_HEIGHT, graphHeight * zoom + 2 * PADDING)));
  const centre = { x: (bounds.left + bounds.right) / 2, y: (bounds.top + bounds.bottom) / 2 };
  const at = anchor ?? centre;
  let x = width / 2 - centre.x * zoom;
  if (graphWidth * zoom > width - 2 * PADDING) {
    x = width / 2 - at.x * zoom;
    // No empty margin beside the chain when the anchor is near its side.
    x = Math.min(PADDING - bounds.left * zoom, Math.max(width - PADDING - bounds.right * zoom, x));
  }
  let y = height / 2 - centre.y * zoom;
  if (graphHeight * zoom > height - 2 * PADDING) {
    y = PADDING - bounds.top * zoom;
    // The anchor lower than the canvas: show it in the middle instead.
    if (at.y * zoom + y > height - 3 * PADDING) {
      y = Math.max(height - PADDING - bounds.bottom * zoom, height / 2 - at.y * zoom);
    }
  }
  return { zoom, pan: { x, y }, height };
}
