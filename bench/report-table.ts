/** Formatting of the report's tables: figures in columns, each compared with the first column's. */

type Value = number | null | undefined;

const missing = (v: Value): v is null | undefined => v === null || v === undefined || Number.isNaN(v);

export const ms = (v: Value) => (missing(v) ? 'n/a' : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
export const mb = (v: Value) => (missing(v) ? 'n/a' : `${(v / 1024 / 1024).toFixed(v < 10 * 1024 * 1024 ? 2 : 1)} MB`);
export const kb = (v: Value) => (missing(v) ? 'n/a' : `${(v / 1024).toFixed(1)} kB`);
export const num = (v: number, digits = 0) =>
  Number.isNaN(v) ? 'n/a' : v.toLocaleString('en', { maximumFractionDigits: digits });

/** Ours relative to a reference: 1.20× means ours is 20 % higher (slower, bigger) on that line. */
export function ratio(ours: Value, theirs: Value): string {
  if (missing(ours) || missing(theirs) || theirs === 0) return '';
  return `${(ours / theirs).toFixed(2)}×`;
}

export interface Row<F> {
  label: string;
  value: (f: F) => Value;
  format: (v: Value) => string;
  compare?: boolean;
}

/** One column: a server's figures in a scenario, or why there are none. */
export interface Column<F> {
  label: string;
  figures: F | undefined;
  error: string | undefined;
}

/**
 * A table of `rows` over `columns`; every column after the first is followed by the first one's
 * figure divided by its own, headed `ratioLabel` (none when null). Errors are listed under the table.
 */
export function renderTable<F>(columns: Column<F>[], rows: Row<F>[], ratioLabel: string | null): string[] {
  const [base, ...others] = columns;
  if (!base) return [];
  const header = ['', base.label, ...others.flatMap((c) => (ratioLabel ? [c.label, ratioLabel] : [c.label]))];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const cell = (row: Row<F>, c: Column<F>) =>
    c.figures ? row.format(row.value(c.figures)) : c.error ? 'failed' : 'not run';
  for (const row of rows) {
    const cells = [row.label, cell(row, base)];
    for (const c of others) {
      cells.push(cell(row, c));
      if (!ratioLabel) continue;
      const compared = row.compare !== false && base.figures && c.figures;
      cells.push(compared ? ratio(row.value(base.figures!), row.value(c.figures!)) : '');
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  for (const c of columns) if (c.error) lines.push('', `${c.label} failed: ${c.error}`);
  return lines;
}

/** A target's verdict: met, missed (in bold), or not measured in this run. */
export const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'yes' : '**no**');
