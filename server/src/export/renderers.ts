/**
 * The document renderers, each loaded on its first use. Their libraries (docx; pdfkit with its
 * fonts; exceljs) are about a third of the server's start-up, and most processes never export: a
 * replica that restarts, a test server, a command-line tool. Node keeps a loaded module, so only a
 * process's first export waits for the load.
 */
export const loadDocx = () => import('./docx');
export const loadPdf = () => import('./pdf');
export const loadXlsx = () => import('../plans/report-xlsx');
