import { describe, expect, it } from 'vitest';
import { pdfFonts } from './pdf-fonts';

describe('the PDF font chain', () => {
  const fonts = pdfFonts();

  it('sets letters in Noto Sans and a sign it lacks in the first fallback that has it, spaces staying put', () => {
    expect(fonts.runs('andel ≥ 80 %', 'regular')).toEqual([
      { font: 'NotoSans-regular', text: 'andel ' },
      { font: 'NotoSansMath-regular', text: '≥ ' },
      { font: 'NotoSans-regular', text: '80 %' },
    ]);
    expect(fonts.runs('Sámi: č đ ŋ ŧ – «» € ™', 'bold')).toEqual([
      { font: 'NotoSans-bold', text: 'Sámi: č đ ŋ ŧ – «» € ™' },
    ]);
  });

  it('keeps a combining mark with its letter, and a character no font has in the text font', () => {
    expect(fonts.runs('c\u030C', 'italic')).toEqual([{ font: 'NotoSans-italic', text: 'c\u030C' }]);
    expect(fonts.runs('\u{E000}', 'regular')).toEqual([{ font: 'NotoSans-regular', text: '\u{E000}' }]);
    expect(fonts.runs('', 'regular')).toEqual([{ font: 'NotoSans-regular', text: '' }]);
  });
});
