// Plan files: what a picked or dropped file is, told by its content (a .docx
// is a zip, a PDF starts with %PDF-, a case file is JSON), and reading it.
// .docx and PDF files are read by the engine's full module, fetched the first
// time one is opened; a PDF's text is taken out by pdf.js first.

import * as engine from './wasm.js';
import { t } from './i18n.js';

/** The file picker's plan types. */
export const PLAN_FILES = '.docx,.pdf,.md,.markdown,.txt,'
  + 'application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,text/plain,text/markdown';

const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Runs `fn` (which opens a case or starts one); when the main module does
 * not read the plan's format (Markdown), fetches the full module and runs it
 * again there.
 */
export async function withFullEngine(fn) {
  try {
    return fn();
  } catch (e) {
    if (e?.code !== 'format_not_built') throw e;
  }
  await engine.useFull();
  return fn();
}

function startsWith(bytes, ...sig) {
  return sig.every((b, i) => bytes[i] === b);
}

/** What the bytes are: 'docx' (a zip, or an old Word/encrypted OLE file), 'pdf' or 'text'. */
export function kindOf(bytes) {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)
    || startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return 'docx';
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  return 'text';
}

function tooLarge(size) {
  const mb = (n) => Math.round(n / 1048576);
  return {
    code: 'file_too_large',
    message: `the file is ${mb(size)} MB; the largest file accepted is 50 MB`,
    message_sv: `filen är ${mb(size)} MB; den största fil som tas emot är 50 MB`,
  };
}

function notText(at) {
  return {
    code: 'not_text',
    message: `the file is not a .docx, a PDF or UTF-8 text (byte ${at} is not UTF-8)`,
    message_sv: `filen är varken en .docx, en PDF eller text i UTF-8 (byte ${at} är inte UTF-8)`,
  };
}

/** The bytes as UTF-8 text; throws naming the first byte that is not. */
function utf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let lo = 0;
    let hi = bytes.length;
    // the longest prefix that decodes
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid - 1;
      }
    }
    throw notText(lo);
  }
}

/**
 * Reads a picked or dropped file: `{kind: 'case', text}` for a case file,
 * `{kind: 'read', read: {text, format, notes}}` for a .docx or a PDF, or
 * `{kind: 'text', text}` for Markdown or text. `progress(text)` is told what
 * takes time. Throws `{code, message, message_sv}`.
 */
export async function openPlanFile(file, progress = () => {}) {
  if (file.size > MAX_BYTES) throw tooLarge(file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = kindOf(bytes);
  if (kind === 'docx') {
    progress(t('file.loadingDocx'));
    await engine.useFull();
    return { kind: 'read', read: engine.full().readDocx(bytes) };
  }
  if (kind === 'pdf') {
    progress(t('file.loadingPdf'));
    const [{ readPdfPages }] = await Promise.all([import('./pdfread.js'), engine.useFull()]);
    const pages = await readPdfPages(bytes);
    return { kind: 'read', read: engine.full().readPdfPages(pages) };
  }
  const text = utf8(bytes);
  const json = /\.json$/i.test(file.name) || text.trimStart().startsWith('{');
  return { kind: json ? 'case' : 'text', text };
}
