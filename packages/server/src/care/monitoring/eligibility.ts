import {
  formatVnDate,
  HOME_CARE_OUTCOME_LABELS,
  type HomeCareFacts,
  homeCareEligibility,
  READING_RANGES,
  SYMPTOMS,
  UNDERLYING_DISEASE,
} from '@tuyendau/domain';
import { Type } from 'typebox';
import { badInput } from '../../http/errors.ts';
import { DateString, todayInVietnam } from '../../http/time.ts';

const range = (f: 'spo2' | 'respiratoryRate') =>
  Type.Optional(Type.Integer({ minimum: READING_RANGES[f].min, maximum: READING_RANGES[f].max }));

/** The facts the health worker has at enrolment (rules file §3.2). */
export const EligibilityBody = Type.Object(
  {
    /** The day of the assessment (default today): chooses QĐ 4038, 261 or 604. */
    assessedOn: Type.Optional(DateString()),
    birthDate: DateString(),
    underlyingDisease: Type.Enum(UNDERLYING_DISEASE),
    pregnant: Type.Boolean(),
    vaccineDoses: Type.Integer({ minimum: 0, maximum: 6 }),
    lastDoseOn: Type.Optional(DateString()),
    respiratoryRate: range('respiratoryRate'),
    spo2: range('spo2'),
    abnormalBreathing: Type.Optional(Type.Boolean()),
    symptoms: Type.Optional(
      Type.Array(Type.Enum(SYMPTOMS), { maxItems: SYMPTOMS.length, uniqueItems: true }),
    ),
    selfCare: Type.Boolean(),
    caregiver: Type.Boolean(),
  },
  { additionalProperties: false },
);

export type EligibilityInput = Omit<HomeCareFacts, 'assessedOn' | 'symptoms'> & {
  assessedOn?: string;
  symptoms?: HomeCareFacts['symptoms'];
};

/**
 * POST /care/home-care/eligibility: whether an F0 may be cared for at home under the criteria in
 * force on the day (each criterion with its reason in Vietnamese). A calculation on the facts sent:
 * nothing is read or stored (the enrolment keeps the answer in care_episodes.eligibility).
 */
export function checkEligibility(input: EligibilityInput) {
  const today = todayInVietnam();
  const assessedOn = input.assessedOn ?? today;
  if (assessedOn > today) {
    throw badInput(
      `Ngày đánh giá (${formatVnDate(assessedOn)}) không được sau hôm nay`,
      'assessedOn',
      'assessed_on_future',
    );
  }
  if (input.birthDate > assessedOn) {
    throw badInput('Ngày sinh sau ngày đánh giá', 'birthDate', 'birth_after_assessment');
  }
  if (input.lastDoseOn && (input.lastDoseOn > assessedOn || input.lastDoseOn < input.birthDate)) {
    throw badInput(
      'Ngày tiêm mũi gần nhất phải từ ngày sinh đến ngày đánh giá',
      'lastDoseOn',
      'last_dose_on',
    );
  }
  if (input.lastDoseOn && input.vaccineDoses === 0) {
    throw badInput('Đã ghi ngày tiêm nhưng số mũi là 0', 'vaccineDoses', 'doses_without_count');
  }
  if (input.pregnant && input.birthDate > `${Number(assessedOn.slice(0, 4)) - 10}${assessedOn.slice(4)}`) {
    throw badInput('Người dưới 10 tuổi không thể đang mang thai', 'pregnant', 'pregnant_child');
  }
  const result = homeCareEligibility({ ...input, assessedOn, symptoms: input.symptoms ?? [] });
  return { ...result, assessedOn, outcomeLabel: HOME_CARE_OUTCOME_LABELS[result.outcome] };
}
