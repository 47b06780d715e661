import type { ChatDetail } from '../../../client/http-client.js';
import { clean } from '../../io.js';

const LABEL = 12;
const line = (label: string, text: string) => `  ${label.padEnd(LABEL)}${text}`;
const earlier = (n: number) => (n === 0 ? 'first chat' : n === 1 ? '1 earlier chat' : `${n} earlier chats`);

/**
 * What the server knows of the chat's visitor (contract v2), under the chat's first line: who, the
 * page, attributes, browser and language, and the rating of an ended chat. Visitors' text is
 * neutralised like message bodies.
 */
export function visitorLines(c: ChatDetail): string[] {
  const v = c.visitor;
  const out: string[] = [];
  const who = [`${clean(v.name)}${v.email ? ` <${clean(v.email)}>` : ''}`, earlier(v.previousChats ?? 0)];
  if (v.visitorId) who.push(`id ${clean(v.visitorId)}`);
  out.push(line('visitor', who.join(' · ')));
  if (v.page?.title || v.page?.url) {
    out.push(
      line(
        'page',
        [v.page.title, v.page.url]
          .filter(Boolean)
          .map((s) => clean(s!))
          .join(' · '),
      ),
    );
  }
  if (v.page?.referrer) out.push(line('came from', clean(v.page.referrer)));
  const attributes = Object.entries(v.attributes ?? {});
  if (attributes.length) {
    out.push(line('attributes', attributes.map(([k, value]) => `${clean(k)}=${clean(String(value))}`).join(' · ')));
  }
  const browser = [v.userAgent, v.locale].filter(Boolean).map((s) => clean(s!));
  if (browser.length) out.push(line('browser', browser.join(' · ')));
  if (c.rating) {
    const comment = c.rating.comment ? ` "${clean(c.rating.comment)}"` : '';
    out.push(line('rating', `${c.rating.score}/5${comment}`));
  }
  return out;
}
