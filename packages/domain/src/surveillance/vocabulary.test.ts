import { describe, expect, it } from 'vitest';
import {
  CARE_PLACE_LABELS,
  CARE_TIER_CODE,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  CONTACT_SETTING_LABELS,
  CONTACT_SETTINGS,
  FIXED_CARE_PLACES,
  FOUND_BY,
  FOUND_BY_LABELS,
  isFixedCarePlace,
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
  ['FIXED_CARE_PLACES', FIXED_CARE_PLACES, CARE_PLACE_LABELS],
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

describe('care places', () => {
  it('keeps home and facility as fixed codes; the tiers are data, checked by their code shape here', () => {
    expect(FIXED_CARE_PLACES).toEqual(['home', 'facility']);
    expect(isFixedCarePlace('home')).toBe(true);
    expect(isFixedCarePlace('hospital_t1')).toBe(false);
    for (const code of ['hospital_t1', 'field_hospital_2', 'icu'])
      expect(CARE_TIER_CODE.test(code)).toBe(true);
    for (const code of ['', 'Tầng 1', '1st', 'a'.repeat(31), 'ICU'])
      expect(CARE_TIER_CODE.test(code)).toBe(false);
  });
});
