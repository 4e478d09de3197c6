/**
 * Runs `fn` in a task after the next frame is painted: work that can wait a frame (the next chart
 * of a page, a collapsed table) leaves the frame to what is seen first. A hidden page paints no
 * frames (and runs no animation frames): there `fn` runs in the next task.
 */
export function afterNextPaint(fn: () => void): void {
  if (document.visibilityState !== 'visible') setTimeout(fn, 0);
  else requestAnimationFrame(() => setTimeout(fn, 0));
}
