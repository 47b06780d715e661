import { prepareFile, type StaticFile } from './static-files.js';

const META = /(<meta name="switchboard-locales" content=")[^"]*(")/;

/** The page's languages: one file per language under /locales/ ("de.json" → "de"), sorted. */
export function localeNames(files: Map<string, StaticFile>): string[] {
  return [...files.keys()]
    .map((path) => /^\/locales\/([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/**
 * Writes the list of languages into every page that asks for it (`<meta name="switchboard-locales">`),
 * so adding a language is adding its file, and the page fetches only the one it picks.
 */
export function fillLocaleList(files: Map<string, StaticFile>): void {
  const names = localeNames(files).join(' ');
  for (const [path, file] of files) {
    if (!path.endsWith('.html')) continue;
    const html = file.bodies.identity.toString('utf8');
    if (!META.test(html)) continue;
    files.set(path, prepareFile(Buffer.from(html.replace(META, `$1${names}$2`), 'utf8'), file.type));
  }
}
