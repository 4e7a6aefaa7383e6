import type { FastifyRequest } from 'fastify';

/** A language of the UI and the API. */
export type Locale = 'es' | 'en';

/** Name of the cookie the web app's language switch sets. */
export const LOCALE_COOKIE = 'cordones_lang';

/**
 * The language to answer a request in: the language-switch cookie, else the first supported
 * language of `Accept-Language`, else the deployment's default.
 */
export function localeOf(request: FastifyRequest, fallback: Locale): Locale {
  const cookie = request.cookies?.[LOCALE_COOKIE];
  if (cookie === 'es' || cookie === 'en') return cookie;
  const header = request.headers['accept-language'];
  if (typeof header === 'string') {
    const ranked = header
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.find((p) => p.trim().startsWith('q='));
        return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((x) => x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { lang } of ranked) if (lang === 'es' || lang === 'en') return lang;
  }
  return fallback;
}
