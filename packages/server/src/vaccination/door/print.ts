import { createRequire } from 'node:module';
import path from 'node:path';
import { formatVnDate } from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { inertRow } from '../../http/spreadsheet.ts';
import { type DoorHousehold, type DoorPerson, MARK_WORDS, type MarkKind } from './service.ts';

/**
 * The printed door-to-door list (issue 9 §5): grouped by household, Vietnamese with its diacritics,
 * dates dd/mm/yyyy, a blank column for the team to tick on paper. The PDF embeds DejaVu Sans, shipped
 * by the dejavu-fonts-ttf package (full Vietnamese coverage; pdfkit's built-in fonts have none).
 */
export interface PrintList {
  unit: { code: string; name: string };
  village: string | null;
  asOf: string;
  households: DoorHousehold[];
}

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const SEX_WORDS: Record<string, string> = { male: 'Nam', female: 'Nữ' };

/** "Mũi 3 (nhắc lại)", "Mũi 2", "Mũi bổ sung". */
export function doseWords(d: { doseNumber: number; kind: string }): string {
  if (d.kind === 'additional') return `Mũi ${d.doseNumber} (bổ sung)`;
  if (d.kind === 'booster') return `Mũi ${d.doseNumber} (nhắc lại)`;
  return `Mũi ${d.doseNumber}`;
}

function dosesText(p: DoorPerson): string {
  if (p.doses.length === 0) return 'Chưa tiêm';
  return p.doses.map((d) => `M${d.doseNumber} ${formatVnDate(d.givenOn)} ${d.productName}`).join('\n');
}

function dueText(p: DoorPerson): string {
  if (!p.next) return '';
  const { next } = p;
  const when =
    next.status === 'overdue'
      ? `quá hạn ${next.overdueDays.toLocaleString('vi-VN')} ngày`
      : next.status === 'due'
        ? 'đến hạn hôm nay'
        : `đến hạn ${formatVnDate(next.dueOn)}`;
  return `${doseWords(next)}, từ ${formatVnDate(next.dueOn)} (${when})`;
}

function markText(p: DoorPerson): string {
  const m = p.lastMark;
  if (!m) return '';
  const words = MARK_WORDS[m.mark as MarkKind] ?? '';
  const parts = [words];
  if (m.until) parts.push(`đến ${formatVnDate(m.until)}`);
  if (m.reason) parts.push(`(${m.reason})`);
  parts.push(`— ${formatVnDate(m.markedAt.slice(0, 10))}`);
  return parts.join(' ');
}

function titleOf(list: PrintList): { title: string; subtitle: string } {
  const persons = list.households.reduce((n, h) => n + h.persons.length, 0);
  return {
    title: 'DANH SÁCH ĐI TỪNG NHÀ — TIÊM VẮC XIN COVID-19',
    subtitle: `${list.unit.name}${list.village !== null ? ` — ${list.village || 'Chưa rõ thôn, bản'}` : ''} — tính đến ngày ${formatVnDate(list.asOf)} — ${list.households.length.toLocaleString('vi-VN')} hộ, ${persons.toLocaleString('vi-VN')} người đến hạn hoặc quá hạn`,
  };
}

/** The list as XLSX: a heading row per household, then its people, cells made inert. */
export async function doorWorkbook(list: PrintList): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách đi từng nhà');
  const { title, subtitle } = titleOf(list);
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([subtitle]);
  sheet.addRow([]);
  const columns = [
    { header: 'STT', key: 'no', width: 6 },
    { header: 'Họ và tên', key: 'name', width: 26 },
    { header: 'Ngày sinh', key: 'birth', width: 12 },
    { header: 'Giới tính', key: 'sex', width: 9 },
    { header: 'Điện thoại', key: 'phone', width: 13 },
    { header: 'Các mũi đã tiêm', key: 'doses', width: 40 },
    { header: 'Mũi cần tiêm', key: 'next', width: 16 },
    { header: 'Đến hạn từ', key: 'dueOn', width: 12 },
    { header: 'Quá hạn (ngày)', key: 'overdue', width: 10 },
    { header: 'Lần ghi nhận gần nhất', key: 'mark', width: 30 },
    { header: 'Kết quả', key: 'result', width: 18 },
  ];
  sheet.columns = columns.map(({ key, width }) => ({ key, width }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  let no = 0;
  for (const h of list.households) {
    const head = sheet.addRow(
      inertRow({ no: '', name: `Hộ: ${h.address || 'Chưa rõ địa chỉ'} (${h.persons.length} người)` }),
    );
    head.font = { bold: true };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF4FA' } };
    for (const p of h.persons) {
      const row = sheet.addRow(
        inertRow({
          no: ++no,
          name: p.fullName,
          birth: formatVnDate(p.birthDate),
          sex: SEX_WORDS[p.sex] ?? '',
          phone: p.phone ?? '',
          doses: dosesText(p),
          next: p.next ? doseWords(p.next) : '',
          dueOn: p.next ? formatVnDate(p.next.dueOn) : '',
          overdue: p.next?.overdueDays ?? '',
          mark: markText(p),
          result: '',
        }),
      );
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

interface Column {
  header: string;
  width: number;
  text: (p: DoorPerson, no: number) => string;
}

const PDF_COLUMNS: Column[] = [
  { header: 'STT', width: 28, text: (_p, no) => String(no) },
  { header: 'Họ và tên', width: 130, text: (p) => p.fullName },
  { header: 'Ngày sinh', width: 62, text: (p) => formatVnDate(p.birthDate) },
  { header: 'Giới', width: 32, text: (p) => SEX_WORDS[p.sex] ?? '' },
  { header: 'Các mũi đã tiêm', width: 180, text: dosesText },
  { header: 'Mũi cần tiêm, đến hạn', width: 150, text: dueText },
  { header: 'Ghi nhận gần nhất', width: 110, text: markText },
  { header: 'Kết quả', width: 70, text: () => '' },
];

/** The list as an A4 landscape PDF, households as headed blocks, headers repeated on each page. */
export async function doorPdf(list: PrintList): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 28, bufferPages: true });
  doc.info.Title = 'Danh sách đi từng nhà — tiêm vắc xin COVID-19';
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const tableWidth = PDF_COLUMNS.reduce((w, c) => w + c.width, 0);
  const pad = 3;
  const { title, subtitle } = titleOf(list);

  const cellsHeight = (texts: string[], font: string, size: number) => {
    doc.font(font).fontSize(size);
    return Math.max(
      ...texts.map((t, i) => doc.heightOfString(t || ' ', { width: PDF_COLUMNS[i].width - 2 * pad })),
    );
  };
  const drawRow = (texts: string[], font: string, size: number, fill?: string) => {
    const h = cellsHeight(texts, font, size) + 2 * pad;
    const y = doc.y;
    let x = left;
    if (fill) doc.rect(left, y, tableWidth, h).fill(fill);
    doc.fillColor('#000').lineWidth(0.5).strokeColor('#8c8c8c');
    for (let i = 0; i < PDF_COLUMNS.length; i++) {
      const w = PDF_COLUMNS[i].width;
      doc.rect(x, y, w, h).stroke();
      doc
        .font(font)
        .fontSize(size)
        .text(texts[i], x + pad, y + pad, { width: w - 2 * pad });
      x += w;
    }
    doc.x = left;
    doc.y = y + h;
  };
  const header = () =>
    drawRow(
      PDF_COLUMNS.map((c) => c.header),
      'bold',
      8,
      '#dde6f0',
    );
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) {
      doc.addPage();
      header();
    }
  };

  doc.font('bold').fontSize(13).text(title, { align: 'center' });
  doc.moveDown(0.2);
  doc.font('body').fontSize(9).text(subtitle, { align: 'center' });
  doc.moveDown(0.6);
  doc.x = left;
  header();
  let no = 0;
  for (const h of list.households) {
    const headText = `Hộ: ${h.address || 'Chưa rõ địa chỉ'} — ${h.persons.length} người`;
    doc.font('bold').fontSize(8.5);
    const headHeight = doc.heightOfString(headText, { width: tableWidth - 2 * pad }) + 2 * pad;
    const firstRow =
      cellsHeight(
        PDF_COLUMNS.map((c) => c.text(h.persons[0], no + 1)),
        'body',
        8,
      ) +
      2 * pad;
    ensure(headHeight + firstRow);
    const y = doc.y;
    doc.rect(left, y, tableWidth, headHeight).fillAndStroke('#f2f5f9', '#8c8c8c');
    doc
      .fillColor('#000')
      .font('bold')
      .fontSize(8.5)
      .text(headText, left + pad, y + pad, { width: tableWidth - 2 * pad });
    doc.x = left;
    doc.y = y + headHeight;
    for (const p of h.persons) {
      no += 1;
      const texts = PDF_COLUMNS.map((c) => c.text(p, no));
      ensure(cellsHeight(texts, 'body', 8) + 2 * pad);
      drawRow(texts, 'body', 8);
    }
  }
  if (list.households.length === 0) {
    doc.moveDown(1).font('body').fontSize(10).text('Không có ai đến hạn hoặc quá hạn tiêm.', left);
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the page number sits in the margin: no page added for it
    doc
      .font('body')
      .fontSize(7.5)
      .fillColor('#555')
      .text(`Trang ${i + 1}/${range.count}`, left, doc.page.height - 20, {
        width: tableWidth,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
