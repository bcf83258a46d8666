import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { AppError } from '../errors';

// pdfkit sets a text in one font and has no per-glyph fallback: a character the font lacks is
// printed as a box and missing from the text layer. People write ≥ 80 %, → and Sámi names, so a
// text is cut into runs, each set in the first font of a chain that has a glyph for it.

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

interface Family {
  name: string;
  /** npm package and the file of each style in it; a style a family lacks is set in its regular. */
  npm: { package: string; files: Partial<Record<FontStyle, string>> & { regular: string } };
  /** The same faces from Debian's fonts-noto-core, when the npm package is missing. */
  debian: Partial<Record<FontStyle, string>> & { regular: string };
}

const DEBIAN_NOTO = '/usr/share/fonts/truetype/noto';

/** The chain, in the order each character is tried: text first, then mathematical signs and arrows, then symbols. */
const FAMILIES: readonly Family[] = [
  {
    // Latin with æ, ø, å and the Sámi letters, typographic quotes and dashes, • € § © ® ™ ° ± × ÷.
    name: 'NotoSans',
    npm: {
      package: '@expo-google-fonts/noto-sans',
      files: {
        regular: '400Regular/NotoSans_400Regular.ttf',
        bold: '700Bold/NotoSans_700Bold.ttf',
        italic: '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
        boldItalic: '700Bold_Italic/NotoSans_700Bold_Italic.ttf',
      },
    },
    debian: {
      regular: 'NotoSans-Regular.ttf',
      bold: 'NotoSans-Bold.ttf',
      italic: 'NotoSans-Italic.ttf',
      boldItalic: 'NotoSans-BoldItalic.ttf',
    },
  },
  {
    // ≥ ≤ ≠ √ ∞ ≈ ∑ and the arrows → ← ↑ ↓ ⇒ ⇔.
    name: 'NotoSansMath',
    npm: { package: '@expo-google-fonts/noto-sans-math', files: { regular: '400Regular/NotoSansMath_400Regular.ttf' } },
    debian: { regular: 'NotoSansMath-Regular.ttf' },
  },
  {
    name: 'NotoSansSymbols',
    npm: {
      package: '@expo-google-fonts/noto-sans-symbols',
      files: { regular: '400Regular/NotoSansSymbols_400Regular.ttf', bold: '700Bold/NotoSansSymbols_700Bold.ttf' },
    },
    debian: { regular: 'NotoSansSymbols-Regular.ttf', bold: 'NotoSansSymbols-Bold.ttf' },
  },
  {
    // ✓ ✗ ☐ ★ ■ ▲ and other signs people use in lists.
    name: 'NotoSansSymbols2',
    npm: {
      package: '@expo-google-fonts/noto-sans-symbols-2',
      files: { regular: '400Regular/NotoSansSymbols2_400Regular.ttf' },
    },
    debian: { regular: 'NotoSansSymbols2-Regular.ttf' },
  },
];

const STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

interface Face {
  /** The name the face is registered under in a PDF document. */
  id: string;
  data: Buffer;
  covers(codePoint: number): boolean;
}

export interface PdfFonts {
  /** Registers every face with a document under the names `runs` answers with. */
  register(pdf: PDFKit.PDFDocument): void;
  /** The registered name of the first font of a style: the one text is laid out in by default. */
  primary(style: FontStyle): string;
  /**
   * The text cut into runs, each set in the first font of the chain (for the style) that has its
   * characters. Spaces, and combining marks its font has, stay in the run before them, so
   * a line is not cut where nothing changes. A character no font has stays in the primary font.
   * Never empty: an empty text is one empty run.
   */
  runs(text: string, style: FontStyle): { font: string; text: string }[];
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string | null {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** The file of each style of a family, from npm or else from Debian; null when neither has it all. */
function familyFiles(family: Family): Partial<Record<FontStyle, string>> | null {
  const dir = packageDir(family.npm.package);
  const candidates = [
    ...(dir ? [mapValues(family.npm.files, (file) => path.join(dir, file))] : []),
    mapValues(family.debian, (file) => path.join(DEBIAN_NOTO, file)),
  ];
  return candidates.find((files) => Object.values(files).every((file) => fs.existsSync(file))) ?? null;
}

function mapValues<K extends string>(record: Partial<Record<K, string>>, fn: (value: string) => string) {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value as string)])) as Partial<
    Record<K, string>
  >;
}

function loadFace(id: string, file: string): Face {
  const data = fs.readFileSync(file);
  const font = fontkit.create(data);
  if (!('hasGlyphForCodePoint' in font)) throw new Error(`${file} is a font collection, not one font`);
  return { id, data, covers: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
}

function loadFonts(): PdfFonts {
  const chains = new Map<FontStyle, Face[]>(STYLES.map((style) => [style, []]));
  const faces: Face[] = [];
  for (const [index, family] of FAMILIES.entries()) {
    const files = familyFiles(family);
    if (!files) {
      // Without the text font nothing can be printed; without a fallback only its signs are missing.
      if (index === 0) {
        throw new AppError(
          'export_unavailable',
          500,
          'PDF export needs the Noto Sans TTF files: run `npm install` (package @expo-google-fonts/noto-sans) or install the Debian package fonts-noto-core',
        );
      }
      continue;
    }
    const loaded = new Map<string, Face>();
    for (const style of STYLES) {
      const file = files[style] ?? files.regular!;
      let face = loaded.get(file);
      if (!face) {
        face = loadFace(`${family.name}-${style}`, file);
        loaded.set(file, face);
        faces.push(face);
      }
      chains.get(style)!.push(face);
    }
  }

  const chainOf = (style: FontStyle) => chains.get(style)!;
  return {
    register(pdf) {
      for (const face of faces) pdf.registerFont(face.id, face.data);
    },
    primary: (style) => chainOf(style)[0]!.id,
    runs(text, style) {
      const chain = chainOf(style);
      const out: { font: string; text: string }[] = [];
      for (const char of text) {
        const codePoint = char.codePointAt(0)!;
        const current = out.at(-1);
        const currentFace = current && chain.find((face) => face.id === current.font);
        const keep = currentFace && (/\s/u.test(char) || (/\p{M}/u.test(char) && currentFace.covers(codePoint)));
        const face = keep ? currentFace : (chain.find((f) => f.covers(codePoint)) ?? chain[0]!);
        if (current && current.font === face.id) current.text += char;
        else out.push({ font: face.id, text: char });
      }
      return out.length > 0 ? out : [{ font: chain[0]!.id, text }];
    },
  };
}

let loaded: PdfFonts | null = null;

/** The fonts of the PDF export, read from disk once. Errors: `export_unavailable` without Noto Sans. */
export function pdfFonts(): PdfFonts {
  loaded ??= loadFonts();
  return loaded;
}
