/**
 * A diagonal hatch fill for Chart.js bars: a light background with darker stripes, so a
 * provisional (incomplete) month differs from a complete one by more than colour. One pattern per
 * pair of colours, made once on a small canvas.
 */
const cache = new Map<string, CanvasPattern | string>();

/** The pattern, or the plain background where a canvas cannot be made. */
export function hatch(background: string, stripe: string): CanvasPattern | string {
  const key = `${background}|${stripe}`;
  let p = cache.get(key);
  if (p) return p;
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return background;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = stripe;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  // Two segments so the stripes join across tiles.
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-size / 2, size / 2);
  ctx.lineTo(size / 2, -size / 2);
  ctx.moveTo(size / 2, size * 1.5);
  ctx.lineTo(size * 1.5, size / 2);
  ctx.stroke();
  p = ctx.createPattern(canvas, 'repeat') ?? background;
  cache.set(key, p);
  return p;
}
