// Reading a PDF in the browser: pdf.js (copied into www/vendor/pdfjs by the
// build, imported only when a PDF is opened) gives each page's runs of text
// with their place, size and font; the engine's PDF reader (readPdfPages)
// then finds lines, running headers and footers, headings, lists and tables
// in them, as it does with pdftohtml's output on the command line. The
// positions are given in pdftohtml's units (PDF points × 1.5, sizes
// rounded), so that both see the same page.

const SCALE = 1.5;
const MAX_BYTES = 50 * 1024 * 1024;

let pdfjs = null;

async function library() {
  if (!pdfjs) {
    pdfjs = await import('../vendor/pdfjs/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('../vendor/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
  }
  return pdfjs;
}

/** An error as the engine gives them: `{code, message, message_sv}`. */
function fail(code, message, messageSv) {
  return { code, message, message_sv: messageSv };
}

/** The error for what pdf.js threw while opening the file. */
function openError(e) {
  const name = e?.name ?? '';
  if (name === 'PasswordException') {
    return fail('pdf_encrypted', 'the PDF is encrypted: save it without a password and open it again',
      'PDF-filen är krypterad: spara den utan lösenord och öppna den igen');
  }
  if (name === 'InvalidPDFException') {
    return fail('pdf_corrupt', `the PDF is damaged: ${e.message}`, `PDF-filen är trasig: ${e.message}`);
  }
  return fail('pdf_unreadable', `the PDF could not be read: ${e?.message ?? e}`, `PDF-filen kunde inte läsas: ${e?.message ?? e}`);
}

/** Whether a font is bold by its name or its flags ("ABCDEF+DejaVuSans-Bold"). */
function isBold(font) {
  if (!font) return false;
  return Boolean(font.bold || font.black) || /bold|black|heavy|semibold|demi/i.test(font.name ?? '');
}

/** Whether a font is italic by its name or its flags ("ABCDEF+DejaVuSans-Oblique"). */
function isItalic(font) {
  if (!font) return false;
  return Boolean(font.italic) || /italic|oblique/i.test(font.name ?? '');
}

/** A font of the document by its id in the text content (once a page's operator list loaded it). */
function fontOf(page, id) {
  try {
    return page.commonObjs.has(id) ? page.commonObjs.get(id) : null;
  } catch {
    return null;
  }
}

/**
 * Whether each of the page's fonts is bold and italic (`{bold, italic}`), by
 * font id, added to `fonts`.
 * Fonts are the document's: only a page that uses a font not seen before
 * has its operator list made (which loads its fonts), so a plan of a
 * hundred pages in three fonts costs one or two.
 */
async function learnFonts(page, items, fonts) {
  const unseen = items.some((item) => item.fontName && !fonts.has(item.fontName));
  if (!unseen) return;
  await page.getOperatorList();
  for (const item of items) {
    if (item.fontName && !fonts.has(item.fontName)) {
      const font = fontOf(page, item.fontName);
      fonts.set(item.fontName, { bold: isBold(font), italic: isItalic(font) });
    }
  }
}

/** One page's runs of text, as the engine reads them. */
function pageChunks(pdf, page, content, fonts) {
  const viewport = page.getViewport({ scale: SCALE });
  const chunks = [];
  for (const item of content.items) {
    if (typeof item.str !== 'string' || !item.str.trim()) continue;
    const tx = pdf.Util.transform(viewport.transform, item.transform);
    // text that runs up or down the page is no part of the plan's lines
    if (Math.abs(tx[1]) > Math.abs(tx[0]) || tx[0] <= 0) continue;
    const size = Math.hypot(tx[2], tx[3]);
    if (!(size > 0)) continue;
    const style = content.styles[item.fontName] ?? {};
    const ascent = Number.isFinite(style.ascent) && style.ascent > 0 ? style.ascent : 0.8;
    const descent = Number.isFinite(style.descent) && style.descent < 0 ? -style.descent : 0.2;
    chunks.push({
      top: tx[5] - ascent * size,
      left: tx[4],
      width: item.width * SCALE,
      height: (ascent + descent) * size,
      size: Math.round(size),
      bold: fonts.get(item.fontName)?.bold ?? false,
      italic: fonts.get(item.fontName)?.italic ?? false,
      text: item.str,
    });
  }
  return { height: viewport.height, chunks };
}

/**
 * The pages of a PDF file (bytes) as runs of placed text: an array of
 * `{height, chunks: [{top, left, width, height, size, bold, italic, text}]}`.
 * Throws `{code, message, message_sv}` for a file that cannot be read.
 */
export async function readPdfPages(bytes) {
  if (bytes.length > MAX_BYTES) {
    throw fail('pdf_too_large', `the file is ${bytes.length} bytes; the largest PDF accepted is ${MAX_BYTES} bytes`,
      `PDF-filen är ${Math.round(bytes.length / 1048576)} MB; den största som tas emot är 50 MB`);
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) {
    throw fail('not_pdf', 'the file is not a PDF: it does not start with %PDF-', 'filen är ingen PDF: den börjar inte med %PDF-');
  }
  const pdf = await library();
  let doc;
  try {
    // pdf.js takes the buffer over: give it a copy
    doc = await pdf.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true }).promise;
  } catch (e) {
    throw openError(e);
  }
  try {
    const permissions = await doc.getPermissions();
    if (permissions && !permissions.includes(pdf.PermissionFlag.COPY)) {
      throw fail('pdf_encrypted', 'the PDF forbids copying its text',
        'PDF-filen är skyddad mot kopiering av text: spara den utan skydd och öppna den igen');
    }
    // the pages' text is asked for all at once (the worker answers in turn)
    const numbers = Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const read = await Promise.all(numbers.map(async (n) => {
      const page = await doc.getPage(n);
      return { page, content: await page.getTextContent() };
    }));
    const fonts = new Map();
    const pages = [];
    for (const { page, content } of read) {
      await learnFonts(page, content.items, fonts);
      pages.push(pageChunks(pdf, page, content, fonts));
      page.cleanup();
    }
    return pages;
  } catch (e) {
    throw e?.code ? e : openError(e);
  } finally {
    doc.destroy();
  }
}
