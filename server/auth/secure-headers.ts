/**
 * Security headers on every response, with a strict Content-Security-Policy: only our own
 * scripts, styles, images and API; no inline script, no framing, no plugins. Lit styles
 * arrive through adoptedStyleSheets and Chart.js sets styles through CSSOM, neither of which
 * needs 'unsafe-inline' (checked in chromium by test/browser).
 */
import { secureHeaders } from 'hono/secure-headers';
import type { Env } from '../env.ts';

export function appSecureHeaders(env: Pick<Env, 'BASE_URL'>) {
  const https = env.BASE_URL.startsWith('https:');
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(https ? { upgradeInsecureRequests: [] } : {}),
    },
    // HSTS only makes sense (and only sticks) over HTTPS.
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    // Old browsers that ignore CSP's frame-ancestors: no framing either.
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    // A handler that sets one of these itself wins (the email preview needs inline styles in its
    // own sandboxed document); everything else gets the strict defaults above.
    overwrite: false,
  });
}
