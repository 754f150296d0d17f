import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ReadingValues {
  spo2: number | null;
  spo2Recheck: number | null;
  respiratoryRate: number | null;
  pulse: number | null;
  temperature: number | null;
  systolic: number | null;
  diastolic: number | null;
}

const decimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "SpO2 93% (đo lại 92%) · Nhịp thở 22 · Mạch 90 · 37,5 °C · HA 120/80": what was measured. */
export function readingParts(
  r: ReadingValues,
  t: (key: string, o?: Record<string, unknown>) => string,
): string[] {
  const parts: string[] = [];
  if (r.spo2 !== null) {
    parts.push(
      r.spo2Recheck !== null
        ? t('careMonitoring.line.spo2Recheck', { value: r.spo2, recheck: r.spo2Recheck })
        : t('careMonitoring.line.spo2', { value: r.spo2 }),
    );
  } else if (r.spo2Recheck !== null) {
    parts.push(t('careMonitoring.line.spo2', { value: r.spo2Recheck }));
  }
  if (r.respiratoryRate !== null)
    parts.push(t('careMonitoring.line.respiratoryRate', { value: r.respiratoryRate }));
  if (r.pulse !== null) parts.push(t('careMonitoring.line.pulse', { value: r.pulse }));
  if (r.temperature !== null)
    parts.push(t('careMonitoring.line.temperature', { value: decimal.format(r.temperature) }));
  if (r.systolic !== null && r.diastolic !== null) {
    parts.push(t('careMonitoring.line.bloodPressure', { systolic: r.systolic, diastolic: r.diastolic }));
  }
  return parts;
}

export function ReadingLine({ reading }: { reading: ReadingValues }) {
  const { t } = useTranslation();
  const parts = readingParts(reading, t);
  return (
    <Typography.Text>{parts.length ? parts.join(' · ') : t('careMonitoring.line.none')}</Typography.Text>
  );
}
