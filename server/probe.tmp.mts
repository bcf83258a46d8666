import fs from 'node:fs';
import { TEMPLATE_SECTIONS } from '@samstrat/shared/template';
import { initialSectionContent } from '@samstrat/shared/initial-content';
import { chapters } from './src/export/document-model.ts';
import { renderPdf } from './src/export/pdf.ts';
const sections = TEMPLATE_SECTIONS.map((s) => ({ key: s.key, number: s.number, title: s.title, parentKey: s.parentKey, content: initialSectionContent(s.key) }));
const model = { lang: 'nb-NO' as const, title: 'Digitaliseringsstrategi 2027–2030', municipality: 'Eksempel kommune', period: '2027–2030', status: { stage: 'utkast', label: 'Utkast', details: [] }, version: null, contentHash: 'abc', generatedAt: new Date(), chapters: chapters(sections as never) };
for (let i = 0; i < 3; i++) { const t = Date.now(); await renderPdf(model); console.log('total', Date.now() - t); }
import { renderDocx } from './src/export/docx.ts';
{ const t = Date.now(); const buf = await renderDocx(model); console.log('docx', Date.now() - t, buf.length); fs.writeFileSync('/tmp/probe.docx', buf); }
