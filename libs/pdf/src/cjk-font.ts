import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff';

/**
 * Noto Sans SC from the @fontsource/noto-sans-sc package (WOFF files, read by fontkit through pdfkit),
 * never a system font. Its "chinese-simplified" file covers GB 2312 (about 8,200 glyphs) plus ASCII;
 * a rarer character in a name falls back to the numbered subset file whose unicode range holds it.
 */
const PACKAGE_DIR = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
export const PRIMARY_FONT_FILE = join(
  PACKAGE_DIR,
  'files',
  'noto-sans-sc-chinese-simplified-400-normal.woff',
);

interface Subset {
  file: string;
  ranges: Array<[number, number]>;
}

function parseRanges(spec: string): Array<[number, number]> {
  return spec.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    const lo = parseInt(a, 16);
    return [lo, b ? parseInt(b, 16) : lo];
  });
}

let subsets: Subset[] | undefined;
function numberedSubsets(): Subset[] {
  if (!subsets) {
    const unicode = JSON.parse(readFileSync(join(PACKAGE_DIR, 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    subsets = Object.entries(unicode)
      .map(([key, spec]) => ({ key: /^\[(\d+)\]$/.exec(key)?.[1], spec }))
      .filter((e): e is { key: string; spec: string } => e.key !== undefined)
      .map((e) => ({
        file: join(PACKAGE_DIR, 'files', `noto-sans-sc-${e.key}-400-normal.woff`),
        ranges: parseRanges(e.spec),
      }));
  }
  return subsets;
}

const sfntCache = new Map<string, Buffer>();
/** The font file as plain TrueType, inflated once per process. */
export function fontData(file: string): Buffer {
  let data = sfntCache.get(file);
  if (!data) {
    data = woffToSfnt(readFileSync(file));
    sfntCache.set(file, data);
  }
  return data;
}

let primary: fontkit.Font | undefined;
const primaryFont = (): fontkit.Font => (primary ??= fontkit.create(fontData(PRIMARY_FONT_FILE)));

/** The font file that draws this character: the primary one when it can, else the subset that covers it. */
export function fontFileFor(char: string): string {
  const cp = char.codePointAt(0) ?? 0;
  if (primaryFont().hasGlyphForCodePoint(cp)) return PRIMARY_FONT_FILE;
  const subset = numberedSubsets().find((s) => s.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
  return subset?.file ?? PRIMARY_FONT_FILE;
}

/** Splits text into runs that one font file draws. */
export function fontRuns(text: string): Array<{ file: string; text: string }> {
  const runs: Array<{ file: string; text: string }> = [];
  for (const char of text) {
    const file = fontFileFor(char);
    const last = runs[runs.length - 1];
    if (last && last.file === file) last.text += char;
    else runs.push({ file, text: char });
  }
  return runs;
}
