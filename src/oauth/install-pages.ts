import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackOptions } from '@slack/oauth';
import { translator, type Locale, type Translator } from '../i18n';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );

/** The languages a browser's Accept-Language names that Kontakt speaks: Norwegian in any form reads as bokmål. */
const BROWSER_LANGUAGES: Record<string, Locale> = { nb: 'nb', no: 'nb', nn: 'nb', en: 'en' };

/**
 * The language of a page Kontakt answers a browser with: the first language in the browser's Accept-Language (by
 * preference, `q`) that Kontakt speaks; English when it names none. No user is known yet during an install.
 */
export function browserLanguage(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const wanted = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && Object.hasOwn(BROWSER_LANGUAGES, entry.primary))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted[0] ? (BROWSER_LANGUAGES[wanted[0].primary] ?? 'en') : 'en';
}

function page(tr: Translator, title: string, body: string): string {
  return `<!doctype html>
<html lang="${tr.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}
h1{font-size:1.6rem}a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:.4rem;text-decoration:none}</style>
</head><body>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/**
 * GET /slack/install: what Kontakt is and the "Add to Slack" button (the URL carries a fresh signed state). Slack's
 * install provider hands this renderer only the URL, not the request, so it is in English.
 */
export function renderInstallPage(url: string): string {
  const tr = translator('en');
  const { t } = tr;
  return page(
    tr,
    t('install.title'),
    `<h1>${escapeHtml(t('install.title'))}</h1><p>${escapeHtml(t('install.intro'))}</p>
<p><a class="button" href="${escapeHtml(url)}">${escapeHtml(t('install.button'))}</a></p>
<p><small>${escapeHtml(t('install.privacy'))}</small></p>`,
  );
}

export const installCallbacks: CallbackOptions = {
  success: (installation, _options, req: IncomingMessage, res: ServerResponse) => {
    const tr = translator(browserLanguage(req.headers['accept-language']));
    const where = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
    send(
      res,
      200,
      page(
        tr,
        tr.t('install.success.title'),
        `<h1>${escapeHtml(tr.t('install.success.title'))}</h1><p>${escapeHtml(tr.t('install.success.body', { where: where ?? 'Slack' }))}</p>`,
      ),
    );
  },
  failure: (error, _options, req: IncomingMessage, res: ServerResponse) => {
    const tr = translator(browserLanguage(req.headers['accept-language']));
    // The code says what kind of failure without exposing internals (e.g. slack_oauth_invalid_state).
    send(
      res,
      400,
      page(
        tr,
        tr.t('install.failure.title'),
        `<h1>${escapeHtml(tr.t('install.failure.title'))}</h1><p>${escapeHtml(tr.t('install.failure.body'))}</p><p><small>${escapeHtml(String(error.code ?? 'install_failed'))}</small></p>
<p><a class="button" href="/slack/install">${escapeHtml(tr.t('install.failure.retry'))}</a></p>`,
      ),
    );
  },
};
