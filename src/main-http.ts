// The HTTP side of the wiring point: one express root with, in this order, security headers, the
// Prometheus scrape, the platform webhooks (raw bodies, before any JSON parser), the staff console
// and API, the web chat's staff-reply polling, and the citizen app (web chat, health, readiness).
import express from 'express';
import type { Config } from './config.js';
import type { Channels } from './main-channels.js';
import { createMetricsHandler, type MetricsRecorder, type MetricsSources } from './server/metrics.js';
import { createStaffRoutes, type StaffRoutesDeps } from './server/staff-routes.js';
import { createWebchatRepliesRoute } from './server/webchat-replies.js';

export interface HttpParts {
  config: Config;
  channels: Channels;
  metrics: { recorder: MetricsRecorder; sources: MetricsSources };
  staffRoutes: StaffRoutesDeps;
  /** The citizen app (createApp). */
  app: express.Express;
  now: () => Date;
}

/** Proxy trust from STAFF_TRUST_PROXY: a hop count, true, or an express trust expression. */
function trustProxy(value: string): number | boolean | string {
  if (/^\d+$/.test(value)) return Number(value);
  return value === 'true' ? true : value;
}

export function buildHttpRoot(p: HttpParts): { root: express.Express; webhookRoutes: string[] } {
  const root = express();
  root.disable('x-powered-by');
  // Behind a TLS-terminating proxy: req.secure (Secure cookie) and req.ip (login limits) come from it.
  if (p.config.staff.trustProxy) root.set('trust proxy', trustProxy(p.config.staff.trustProxy));
  root.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // Prometheus scrape (README "Metrics"): in-process counters plus store gauges; METRICS_TOKEN guards it.
  root.get(
    '/metrics',
    createMetricsHandler({ ...p.metrics, ...(p.config.metricsToken ? { token: p.config.metricsToken } : {}), now: p.now }),
  );
  // Webhooks first: they need the raw body bytes for signatures.
  const webhookRoutes = p.channels.mount(root);
  root.use(createStaffRoutes(p.staffRoutes));
  root.use(createWebchatRepliesRoute({ service: p.staffRoutes.service, logger: p.staffRoutes.logger }));
  root.use(p.app);
  return { root, webhookRoutes };
}
