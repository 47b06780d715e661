import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_VISITOR_DIR } from '../paths.js';
import type { Mail } from './mailer.js';

/** The words of the reply e-mail, from the visitor page's locale files (their "email" section). */
export interface ReplyWords {
  replySubject: string;
  replyGreeting: string;
  replyQuoteIntro: string;
  replySignature: string;
}

const LOCALES_DIR = join(WEB_VISITOR_DIR, 'locales');
const FALLBACK = 'en';
const ENGLISH: ReplyWords = {
  replySubject: 'Re: your message to our support team',
  replyGreeting: 'Hello {name},',
  replyQuoteIntro: 'You wrote:',
  replySignature: '— {agent}',
};

let available: Set<string> | undefined;
/** The languages with a locale file (read once). */
export function replyLanguages(): Set<string> {
  available ??= new Set(
    existsSync(LOCALES_DIR)
      ? readdirSync(LOCALES_DIR)
          .filter((f) => /^[a-z]{2,3}(-[a-z0-9]+)?\.json$/i.test(f))
          .map((f) => f.slice(0, -5).toLowerCase())
      : [],
  );
  return available;
}

/**
 * The language of the reply e-mail from an Accept-Language header: the first tag (by q, then order)
 * with a locale file, exact or by its primary language; undefined when none has one.
 */
export function pickLanguage(acceptLanguage: string | undefined): string | undefined {
  if (!acceptLanguage) return undefined;
  const langs = replyLanguages();
  const tags = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: (tag ?? '').trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(t.tag) && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of tags) {
    if (langs.has(tag)) return tag;
    const primary = tag.split('-')[0]!;
    if (langs.has(primary)) return primary;
  }
  return undefined;
}

const cache = new Map<string, ReplyWords>();
function wordsFor(language: string | null): ReplyWords {
  const lang = language && replyLanguages().has(language) ? language : FALLBACK;
  let words = cache.get(lang);
  if (!words) {
    try {
      const email = (JSON.parse(readFileSync(join(LOCALES_DIR, `${lang}.json`), 'utf8')) as { email?: object }).email;
      words = { ...ENGLISH, ...(email as Partial<ReplyWords>) };
    } catch {
      words = ENGLISH;
    }
    cache.set(lang, words);
  }
  return words;
}

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);

/** The reply to a left message: greeting, the reply, the signature, then the visitor's message quoted. */
export function offlineReplyEmail(p: {
  to: string;
  visitorName: string;
  agentName: string;
  reply: string;
  original: string;
  language: string | null;
}): Mail {
  const w = wordsFor(p.language);
  const values = { name: p.visitorName, agent: p.agentName };
  const text = [
    fill(w.replyGreeting, values),
    '',
    p.reply,
    '',
    fill(w.replySignature, values),
    '',
    fill(w.replyQuoteIntro, values),
    ...p.original.split('\n').map((line) => `> ${line}`),
    '',
  ].join('\n');
  return { to: p.to, subject: fill(w.replySubject, values), text };
}
