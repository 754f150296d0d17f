import { describe, expect, it } from 'vitest';
import {
  CARE_PLACE_LABELS,
  CARE_PLACES,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  CONTACT_SETTING_LABELS,
  CONTACT_SETTINGS,
  FOUND_BY,
  FOUND_BY_LABELS,
  OUTCOME_LABELS,
  OUTCOMES,
  QUARANTINE_PLACE_LABELS,
  QUARANTINE_PLACES,
  SEVERITIES,
  SEVERITY_LABELS,
  TEST_KIND_LABELS,
  TEST_KINDS,
  TEST_PERFORMER_LABELS,
  TEST_PERFORMERS,
  TEST_RESULT_LABELS,
  TEST_RESULTS,
  VACCINATION_STATUS,
  VACCINATION_STATUS_LABELS,
} from './vocabulary.ts';

const vocabularies: [string, readonly string[], Record<string, string>][] = [
  ['TEST_KINDS', TEST_KINDS, TEST_KIND_LABELS],
  ['TEST_PERFORMERS', TEST_PERFORMERS, TEST_PERFORMER_LABELS],
  ['TEST_RESULTS', TEST_RESULTS, TEST_RESULT_LABELS],
  ['FOUND_BY', FOUND_BY, FOUND_BY_LABELS],
  ['SEVERITIES', SEVERITIES, SEVERITY_LABELS],
  ['CARE_PLACES', CARE_PLACES, CARE_PLACE_LABELS],
  ['OUTCOMES', OUTCOMES, OUTCOME_LABELS],
  ['CONTACT_SETTINGS', CONTACT_SETTINGS, CONTACT_SETTING_LABELS],
  ['VACCINATION_STATUS', VACCINATION_STATUS, VACCINATION_STATUS_LABELS],
  ['CASE_STATUSES', CASE_STATUSES, CASE_STATUS_LABELS],
  ['QUARANTINE_PLACES', QUARANTINE_PLACES, QUARANTINE_PLACE_LABELS],
];

describe('surveillance vocabularies', () => {
  it.each(vocabularies)('%s: one distinct, non-empty label per id, nothing else', (_, ids, labels) => {
    expect(Object.keys(labels)).toEqual([...ids]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const label of Object.values(labels)) expect(label.trim()).not.toBe('');
    expect(new Set(Object.values(labels)).size).toBe(ids.length);
  });

  it('keeps the ids stored by the database', () => {
    expect(TEST_KINDS).toEqual(['rt_pcr', 'rt_pcr_pool', 'rapid_antigen', 'self_test']);
    expect(CASE_STATUSES).toEqual(['active', ...OUTCOMES]);
    expect(SEVERITIES).toEqual(['asymptomatic', 'mild', 'moderate', 'severe', 'critical']);
  });

  it('uses the MoH severity classes and the contact settings in Vietnamese', () => {
    expect(Object.values(SEVERITY_LABELS)).toEqual([
      'Không triệu chứng',
      'Nhẹ',
      'Trung bình',
      'Nặng',
      'Nguy kịch',
    ]);
    expect(CONTACT_SETTING_LABELS.relative).toBe('Họ hàng (truy vết thân tộc)');
    expect(CONTACT_SETTING_LABELS.event).toBe('Sự kiện/tụ tập');
    expect(QUARANTINE_PLACE_LABELS.facility).toBe('Cách ly tập trung');
  });
});
