import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackOptions } from '@slack/oauth';
import { t } from '../i18n';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}
h1{font-size:1.6rem}a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:.4rem;text-decoration:none}</style>
</head><body>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** GET /slack/install: what Kontakt is and the "Add to Slack" button (the URL carries a fresh signed state). */
export function renderInstallPage(url: string): string {
  return page(
    t('install.title'),
    `<h1>${escapeHtml(t('install.title'))}</h1><p>${escapeHtml(t('install.intro'))}</p>
<p><a class="button" href="${escapeHtml(url)}">${escapeHtml(t('install.button'))}</a></p>
<p><small>${escapeHtml(t('install.privacy'))}</small></p>`,
  );
}

export const installCallbacks: CallbackOptions = {
  success: (installation, _options, _req: IncomingMessage, res: ServerResponse) => {
    const where = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
    send(
      res,
      200,
      page(
        t('install.success.title'),
        `<h1>${escapeHtml(t('install.success.title'))}</h1><p>${escapeHtml(t('install.success.body', { where: where ?? 'Slack' }))}</p>`,
      ),
    );
  },
  failure: (error, _options, _req: IncomingMessage, res: ServerResponse) => {
    // The code says what kind of failure without exposing internals (e.g. slack_oauth_invalid_state).
    send(
      res,
      400,
      page(
        t('install.failure.title'),
        `<h1>${escapeHtml(t('install.failure.title'))}</h1><p>${escapeHtml(t('install.failure.body'))}</p><p><small>${escapeHtml(String(error.code ?? 'install_failed'))}</small></p>
<p><a class="button" href="/slack/install">${escapeHtml(t('install.failure.retry'))}</a></p>`,
      ),
    );
  },
};
