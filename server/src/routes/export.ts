import { Hono } from 'hono';
import * as z from 'zod';
import { canonicalJson } from '@samstrat/shared/content-hash';
import { recordAudit } from '../audit';
import type { AppEnv, Deps } from '../context';
import { buildExportDocument, exportFileName, type ExportDocument } from '../export/document-model';
import { renderMarkdown } from '../export/markdown';
import { loadDocx, loadPdf } from '../export/renderers';
import { onStrategy } from '../access/authorize';
import { validate } from '../validate';

const FORMATS = {
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  pdf: { type: 'application/pdf', extension: 'pdf' },
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
} as const;

const exportQuery = z.object({
  format: z.enum(['docx', 'pdf', 'md']),
  version: z.string().min(1).max(100).optional(),
});

async function render(model: ExportDocument, format: keyof typeof FORMATS): Promise<Uint8Array | string> {
  if (format === 'md') return renderMarkdown(model);
  if (format === 'docx') return (await loadDocx()).renderDocx(model);
  return (await (await loadPdf()).renderPdf(model)).data;
}

/** `attachment` with the name in ASCII and in UTF-8 (RFC 6266), so every browser saves it by name. */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Page counts by what decides them (the text, the outline's headings, the title page), so the
 * editor's page count does not lay the whole document out again while nothing changed.
 */
const pageCounts = new Map<string, number>();
const PAGE_COUNT_CACHE = 100;

function pageCountKey(model: ExportDocument): string {
  const { chapters, title, municipality, period, status, contentHash } = model;
  return canonicalJson({ headings: chapters.map((c) => c.heading), title, municipality, period, status, contentHash });
}

export function exportRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/page-count', onStrategy(deps.db, 'export'), async (c) => {
      const { strategyId } = c.var.access;
      const model = await buildExportDocument(deps, strategyId);
      const key = pageCountKey(model);
      let pages = pageCounts.get(key);
      if (pages === undefined) {
        pages = (await loadPdf()).pdfPageCount(model);
        if (pageCounts.size >= PAGE_COUNT_CACHE) pageCounts.delete(pageCounts.keys().next().value!);
        pageCounts.set(key, pages);
      }
      return c.json({ pages, contentHash: model.contentHash });
    })
    .get('/', onStrategy(deps.db, 'export'), validate('query', exportQuery), async (c) => {
      const { strategyId, actor } = c.var.access;
      const { format, version } = c.req.valid('query');
      const model = await buildExportDocument(deps, strategyId, version);
      const body = await render(model, format);
      await recordAudit(deps.db, {
        action: 'strategy.exported',
        strategyId,
        actorId: actor.userId,
        detail: { format, versionId: version ?? null, contentHash: model.contentHash },
      });
      const { type, extension } = FORMATS[format];
      return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
        'content-type': type,
        'content-disposition': attachment(exportFileName(model, extension)),
        'cache-control': 'no-store',
      });
    });
}
