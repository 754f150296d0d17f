import { createRequire } from 'node:module';
import path from 'node:path';
import { CERTIFICATE_TITLE, formatVnDate } from '@tuyendau/domain';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateRow } from './queries.ts';

/**
 * The recovery certificate as an A4 paper in the administrative layout of Decree 30/2020/NĐ-CP:
 * the issuing body top left (its superior above it), the national motto top right, number, place
 * and date, the title, the facts, the signer; a QR to the public check with its address printed
 * (and linked) below it. DejaVu Serif (the dejavu-fonts-ttf package) carries every Vietnamese
 * letter and stands in for the Times New Roman of the decree.
 */
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** "Tân Phong, ngày 24 tháng 02 năm 2022". */
export function placeAndDate(place: string, iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

export function stationName(row: Pick<CertificateRow, 'unitName' | 'unitCode'>): string {
  return `Trạm Y tế ${row.unitName ?? row.unitCode}`;
}

/** The superior shown above the station: the district's health centre (convention of the stations' papers). */
function superiorName(row: CertificateRow): string {
  return row.districtName ? `Trung tâm Y tế ${row.districtName}` : 'Trung tâm Y tế';
}

export async function certificatePdf(row: CertificateRow, verifyUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 50, bottom: 50, left: 60, right: 50 } });
  doc.info.Title = `${CERTIFICATE_TITLE} số ${row.number}`;
  doc.info.Subject = verifyUrl;
  doc.registerFont('body', path.join(FONT_DIR, 'DejaVuSerif.ttf'));
  doc.registerFont('bold', path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'));
  doc.registerFont('italic', path.join(FONT_DIR, 'DejaVuSerif-Italic.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const leftCol = 220;
  const rightX = left + leftCol + 10;
  const rightCol = width - leftCol - 10;
  const top = doc.page.margins.top;

  // The issuing body.
  doc
    .font('body')
    .fontSize(11)
    .text(superiorName(row).toUpperCase(), left, top, { width: leftCol, align: 'center' });
  doc
    .font('bold')
    .fontSize(11)
    .text(stationName(row).toUpperCase(), left, doc.y, { width: leftCol, align: 'center' });
  const lineY = doc.y + 2;
  doc
    .moveTo(left + leftCol / 2 - 35, lineY)
    .lineTo(left + leftCol / 2 + 35, lineY)
    .lineWidth(0.6)
    .stroke();
  doc
    .font('body')
    .fontSize(11)
    .text(`Số: ${row.number}`, left, lineY + 8, { width: leftCol, align: 'center' });

  // Quốc hiệu and tiêu ngữ.
  doc
    .font('bold')
    .fontSize(11)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightCol, align: 'center' });
  doc
    .font('bold')
    .fontSize(12)
    .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightCol, align: 'center' });
  const mottoY = doc.y + 2;
  doc
    .moveTo(rightX + rightCol / 2 - 75, mottoY)
    .lineTo(rightX + rightCol / 2 + 75, mottoY)
    .lineWidth(0.6)
    .stroke();
  doc
    .font('italic')
    .fontSize(11)
    .text(placeAndDate(row.unitShortName ?? row.unitName ?? '', row.issuedOn), rightX, mottoY + 8, {
      width: rightCol,
      align: 'center',
    });

  // Title and facts.
  doc
    .font('bold')
    .fontSize(15)
    .text(CERTIFICATE_TITLE, left, top + 120, { width, align: 'center' });
  doc.moveDown(1.2);
  const line = (label: string, value: string) => {
    doc.font('body').fontSize(12).text(`${label}: `, left, doc.y, { continued: true, width });
    doc.font('bold').text(value);
    doc.moveDown(0.35);
  };
  doc
    .font('body')
    .fontSize(12)
    .text(`${stationName(row)} xác nhận:`, left, doc.y, { width });
  doc.moveDown(0.5);
  line('Họ và tên', row.holderName);
  line('Năm sinh', String(row.holderBirthYear));
  line(
    'Thời gian cách ly, điều trị COVID-19',
    `từ ngày ${formatVnDate(row.isolationFrom)} đến ngày ${formatVnDate(row.isolationTo)}`,
  );
  line('Tiêu chí khỏi bệnh', row.criterion);
  doc
    .font('body')
    .fontSize(12)
    .text('Đã hoàn thành thời gian cách ly, điều trị và khỏi bệnh COVID-19.', left, doc.y, { width });

  // Signer, right.
  const signY = doc.y + 30;
  doc.font('bold').fontSize(12).text('TRẠM TRƯỞNG', rightX, signY, { width: rightCol, align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text('(Ký, ghi rõ họ tên và đóng dấu)', rightX, doc.y, { width: rightCol, align: 'center' });
  if (row.signerName) {
    doc
      .font('bold')
      .fontSize(12)
      .text(row.signerName, rightX, signY + 95, { width: rightCol, align: 'center' });
  }

  // QR to the public check, left, with its address printed and linked.
  const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const side = 110;
  const cell = side / (size + 8);
  const qx = left;
  const qy = signY;
  doc.rect(qx, qy, side, side).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (qr.modules.get(r, c)) doc.rect(qx + (c + 4) * cell, qy + (r + 4) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
  doc.link(qx, qy, side, side, verifyUrl);
  doc
    .font('italic')
    .fontSize(8)
    .text('Quét mã để kiểm tra giấy xác nhận:', qx, qy + side + 2, { width: leftCol })
    .font('body')
    .text(verifyUrl, qx, doc.y, { width: leftCol, link: verifyUrl });

  if (row.revokedAt) {
    doc.save();
    doc.rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc
      .font('bold')
      .fontSize(60)
      .fillColor('#cc0000', 0.35)
      .text('ĐÃ THU HỒI', 0, doc.page.height / 2 - 40, { width: doc.page.width, align: 'center' });
    doc.restore();
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
