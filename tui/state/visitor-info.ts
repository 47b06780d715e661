import type { StaffVisitor } from '../../server/protocol/events.js';

/** "Chrome 120 on Windows", from a User-Agent header; '' when nothing is recognised. */
export function browserOf(userAgent: string | undefined): string {
  if (!userAgent) return '';
  const ua = userAgent;
  const version = (re: RegExp) => re.exec(ua)?.[1]?.split('.')[0];
  const browsers: [string, RegExp][] = [
    ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
    ['Opera', /OPR\/([\d.]+)/],
    ['Samsung Internet', /SamsungBrowser\/([\d.]+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
    ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
    ['Safari', /Version\/([\d.]+).*Safari\//],
  ];
  const found = browsers.find(([, re]) => re.test(ua));
  const browser = found ? `${found[0]} ${version(found[1]) ?? ''}`.trim() : '';
  const systems: [string, RegExp][] = [
    ['Android', /Android/],
    ['iOS', /iPhone|iPad|iPod/],
    ['Windows', /Windows/],
    ['macOS', /Mac OS X|Macintosh/],
    ['ChromeOS', /CrOS/],
    ['Linux', /Linux/],
  ];
  const system = systems.find(([, re]) => re.test(ua))?.[0] ?? '';
  return [browser, system].filter(Boolean).join(' on ');
}

/** "1st chat", "2nd chat", "3rd chat", "11th chat": this chat's number for the visitor. */
export function chatNumber(previousChats: number): string {
  const n = previousChats + 1;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix} chat`;
}

/** The context panel's rows: label and text (raw: the panel makes strangers' text safe). */
export function visitorFacts(v: StaffVisitor): [string, string][] {
  const facts: [string, string][] = [['name', v.name]];
  if (v.email) facts.push(['e-mail', v.email]);
  if (v.page?.title) facts.push(['page', v.page.title]);
  if (v.page?.url) facts.push([v.page.title ? '' : 'page', v.page.url]);
  if (v.page?.referrer) facts.push(['came from', v.page.referrer]);
  for (const [key, value] of Object.entries(v.attributes ?? {})) facts.push([key, String(value)]);
  const browser = browserOf(v.userAgent);
  if (browser) facts.push(['browser', browser]);
  if (v.locale) facts.push(['language', v.locale]);
  if (v.previousChats !== undefined) facts.push(['visits', chatNumber(v.previousChats)]);
  return facts;
}
