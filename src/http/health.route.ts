import type { CustomRoute } from '@slack/bolt';

/** GET /healthz: 200 when the database answers, 503 when it does not (load balancers and uptime checks read this). */
export function healthRoute(isDatabaseUp: () => Promise<boolean>): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void isDatabaseUp().then((up) => {
        res.writeHead(up ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ status: up ? 'ok' : 'degraded', db: up ? 'up' : 'down' }));
      });
    },
  };
}
