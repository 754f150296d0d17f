import { ageOn, formatVnDate } from '../dates/dates.ts';
import { addDays, addMonths } from '../surveillance/days.ts';
import { type PolicyRef, policyRef, versionAt } from '../surveillance/policy.ts';
import { vaccineProduct } from './products.ts';

/**
 * Covid-19 doses and the rules they are checked by (rules file §4). A dose is one of the
 * primary series (mũi 1, 2; a third for Abdala), an additional dose (liều bổ sung, for the
 * immunocompromised and people primed with Sinopharm or Sputnik V), or a booster: mũi 3 (the
 * first booster) and mũi 4 (the second). `doseNumber` is what reports count: the number of doses
 * a person has received counting this one (an additional dose does not count as a booster).
 */
export type DoseKind = 'primary' | 'additional' | 'booster';

export interface DoseFacts {
  doseNumber: number;
  kind: DoseKind;
  product: string;
  /** YYYY-MM-DD */
  givenOn: string;
}

/** One version of the national rules, chosen by the date a dose is given. */
export interface VaccinationPolicy extends PolicyRef {
  /** Youngest age (completed years) for a primary series. */
  primaryMinAge: number;
  /** Boosters (mũi 3 then mũi 4): who and how long after the previous dose; null: not given yet. */
  booster3: { minAge: number; adultMinMonths: number; under18MinMonths?: number } | null;
  booster4: { minAge: number; minMonths: number } | null;
  /** Additional dose: days after the primary series (from, to). */
  additional: { minDays: number; maxMonths: number } | null;
}

/** Sorted by effectiveFrom. A province may pass its own table. */
export const VACCINATION_POLICIES: readonly VaccinationPolicy[] = [
  {
    code: 'vaccination/2021-03',
    source: 'Chiến dịch tiêm chủng COVID-19 (08/03/2021)', // first doses in Vietnam; adults only
    effectiveFrom: '2021-03-08',
    primaryMinAge: 18,
    booster3: null,
    booster4: null,
    additional: null,
  },
  {
    code: 'vaccination/12-17',
    // R4.2.7: ages 12–17 approved 09–10/2021, rollout from late 10/2021 with Pfizer; the exact
    // start date is UNCONFIRMED.
    source: 'Tiêm cho trẻ 12–17 tuổi (từ cuối 10/2021)',
    effectiveFrom: '2021-10-27',
    unconfirmed: true,
    primaryMinAge: 12,
    booster3: null,
    booster4: null,
    additional: null,
  },
  {
    code: 'vaccination/booster-2021',
    // R4.2.2 history: boosters from 12/2021, ≥6 months after the primary series; the date and
    // the document are UNCONFIRMED.
    source: 'Tiêm mũi nhắc lại (từ 12/2021, cách mũi cơ bản ≥6 tháng)',
    effectiveFrom: '2021-12-01',
    unconfirmed: true,
    primaryMinAge: 12,
    booster3: { minAge: 18, adultMinMonths: 6 },
    booster4: null,
    additional: { minDays: 28, maxMonths: 3 },
  },
  {
    code: 'vaccination/cv-1535-byt-dp',
    source: 'CV 1535/BYT-DP (28/03/2022)', // R4.2.6: children 5 to <12, Pfizer (paediatric) or Moderna
    effectiveFrom: '2022-03-28',
    primaryMinAge: 5,
    booster3: { minAge: 18, adultMinMonths: 3 }, // R4.2.2: from 03/2022, ≥3 months (UNCONFIRMED before CV 3309)
    booster4: null,
    additional: { minDays: 28, maxMonths: 3 },
  },
  {
    code: 'vaccination/cv-3181-byt-dp',
    source: 'CV 3181/BYT-DP (17/06/2022)', // R4.2.3: mũi 3 for 12 to <18, ≥5 months after the primary series
    effectiveFrom: '2022-06-17',
    primaryMinAge: 5,
    booster3: { minAge: 12, adultMinMonths: 3, under18MinMonths: 5 },
    booster4: null,
    additional: { minDays: 28, maxMonths: 3 },
  },
  {
    code: 'vaccination/cv-3309-byt-dp',
    // R4.2.1–R4.2.4: additional dose 28 days–3 months after the primary series; mũi 3 ≥3 months
    // (18+), ≥5 months (12–17); mũi 4 ≥4 months after mũi 3 for 50+ and groups at risk (18+).
    source: 'CV 3309/BYT-DP (23/06/2022)',
    effectiveFrom: '2022-06-23',
    primaryMinAge: 5,
    booster3: { minAge: 12, adultMinMonths: 3, under18MinMonths: 5 },
    booster4: { minAge: 18, minMonths: 4 },
    additional: { minDays: 28, maxMonths: 3 },
  },
];

/** Why a dose needs a reviewer's look; codes for the data, messages for people. */
export interface DoseFlag {
  code:
    | 'before_campaign'
    | 'unknown_product'
    | 'too_young'
    | 'product_age'
    | 'interval_too_short'
    | 'booster_not_allowed'
    | 'additional_window'
    | 'mixed_paediatric'
    | 'sequence';
  message: string;
}

export interface DoseCheck {
  /** True when nothing needs review. A dose with flags is still recorded, marked for review. */
  clean: boolean;
  flags: DoseFlag[];
  policy: PolicyRef;
}

/** The primary series of the earliest primary dose's product is complete by the doses before `on`. */
function primaryComplete(doses: readonly DoseFacts[]): DoseFacts | undefined {
  const primary = doses
    .filter((d) => d.kind === 'primary')
    .sort((a, b) => a.givenOn.localeCompare(b.givenOn));
  if (primary.length === 0) return undefined;
  const needed = vaccineProduct(primary[0].product)?.primaryDoses ?? 2;
  return primary.length >= needed ? primary[needed - 1] : undefined;
}

/**
 * Checks one dose against the policy in force on its date and the doses before it: age, the
 * product's age range, the interval since the previous dose, the order of doses. Never refuses:
 * a dose that breaks a rule comes back with flags, to be recorded and reviewed (issue 9).
 */
export function checkDose(
  facts: { birthDate: string; previous: readonly DoseFacts[]; dose: DoseFacts },
  policies: readonly VaccinationPolicy[] = VACCINATION_POLICIES,
): DoseCheck {
  const { dose } = facts;
  const policy = versionAt(policies, dose.givenOn);
  const flags: DoseFlag[] = [];
  const age = ageOn(facts.birthDate, dose.givenOn);
  const product = vaccineProduct(dose.product);
  const before = facts.previous
    .filter((d) => d.givenOn <= dose.givenOn)
    .sort((a, b) => a.givenOn.localeCompare(b.givenOn));
  const last = before[before.length - 1];
  if (dose.givenOn < policies[0].effectiveFrom) {
    flags.push({
      code: 'before_campaign',
      message: `Ngày tiêm trước ngày bắt đầu tiêm chủng COVID-19 (${formatVnDate(policies[0].effectiveFrom)})`,
    });
  }
  if (!product) {
    flags.push({ code: 'unknown_product', message: 'Không rõ loại vắc xin' });
  } else if (
    age < product.minAge ||
    (product.maxAgeExclusive !== undefined && age >= product.maxAgeExclusive)
  ) {
    flags.push({
      code: 'product_age',
      message: `${product.name} không dùng cho người ${age} tuổi`,
    });
  }
  if (dose.doseNumber !== before.length + 1) {
    flags.push({
      code: 'sequence',
      message: `Ghi là mũi ${dose.doseNumber} nhưng người này đã có ${before.length} mũi trước đó`,
    });
  }
  if (dose.kind === 'primary') {
    if (age < policy.primaryMinAge) {
      flags.push({
        code: 'too_young',
        message: `Người ${age} tuổi chưa thuộc diện tiêm theo ${policy.source}`,
      });
    }
    const previousPrimary = before.filter((d) => d.kind === 'primary');
    const prior = previousPrimary[previousPrimary.length - 1];
    if (prior && product) {
      const earliest = addDays(prior.givenOn, product.primaryIntervalDays);
      if (dose.givenOn < earliest) {
        flags.push({
          code: 'interval_too_short',
          message: `Mũi ${dose.doseNumber} sớm hơn khoảng cách tối thiểu ${product.primaryIntervalDays} ngày của ${product.name} (sớm nhất ${formatVnDate(earliest)})`,
        });
      }
      // Children 5 to <12: two doses of the same vaccine, no mixing (R4.2.6).
      if (age < 12 && prior.product !== dose.product) {
        flags.push({
          code: 'mixed_paediatric',
          message: 'Trẻ dưới 12 tuổi phải tiêm 2 mũi cùng một loại vắc xin',
        });
      }
    }
  } else if (dose.kind === 'additional') {
    const complete = primaryComplete(before);
    const window = policy.additional;
    if (!window || !complete) {
      flags.push({
        code: 'additional_window',
        message: window
          ? 'Mũi bổ sung khi chưa tiêm đủ liều cơ bản'
          : `Chưa có mũi bổ sung theo ${policy.source}`,
      });
    } else {
      const from = addDays(complete.givenOn, window.minDays);
      const to = addMonths(complete.givenOn, window.maxMonths);
      if (dose.givenOn < from || dose.givenOn > to) {
        flags.push({
          code: 'additional_window',
          message: `Mũi bổ sung tiêm từ ${window.minDays} ngày đến ${window.maxMonths} tháng sau mũi cơ bản cuối (${formatVnDate(from)}–${formatVnDate(to)})`,
        });
      }
    }
  } else {
    const boosters = before.filter((d) => d.kind === 'booster').length;
    const rule = boosters === 0 ? policy.booster3 : policy.booster4;
    const complete = primaryComplete(before);
    if (!rule || !complete || boosters > 1) {
      flags.push({
        code: 'booster_not_allowed',
        message: !complete
          ? 'Mũi nhắc lại khi chưa tiêm đủ liều cơ bản'
          : `Chưa có mũi nhắc lại lần ${boosters + 1} theo ${policy.source}`,
      });
    } else {
      const months =
        'adultMinMonths' in rule
          ? age < 18
            ? (rule.under18MinMonths ?? rule.adultMinMonths)
            : rule.adultMinMonths
          : rule.minMonths;
      if (age < rule.minAge) {
        flags.push({
          code: 'too_young',
          message: `Người ${age} tuổi chưa thuộc diện tiêm mũi nhắc lại theo ${policy.source}`,
        });
      }
      const earliest = addMonths(last.givenOn, months);
      if (dose.givenOn < earliest) {
        flags.push({
          code: 'interval_too_short',
          message: `Mũi nhắc lại sớm hơn ${months} tháng sau mũi trước (sớm nhất ${formatVnDate(earliest)}; ${policy.source})`,
        });
      }
    }
  }
  return { clean: flags.length === 0, flags, policy: policyRef(policy) };
}

/** What a person is due next, for the door-to-door lists: null when nothing (or not eligible). */
export interface DueDose {
  doseNumber: number;
  kind: DoseKind;
  /** The first day the dose may be given. */
  dueOn: string;
  /** Due on or before the as-of date. */
  overdue: boolean;
  policy: PolicyRef;
}

/**
 * The next dose a person may receive by the rules in force on `asOf`: the rest of the primary
 * series, then mũi 3, then mũi 4 (for 50+; the other mũi-4 groups are not known to the registry).
 */
export function nextDose(
  facts: { birthDate: string; doses: readonly DoseFacts[]; asOf: string },
  policies: readonly VaccinationPolicy[] = VACCINATION_POLICIES,
): DueDose | null {
  const policy = versionAt(policies, facts.asOf);
  const age = ageOn(facts.birthDate, facts.asOf);
  const doses = [...facts.doses].sort((a, b) => a.givenOn.localeCompare(b.givenOn));
  const last = doses[doses.length - 1];
  const due = (doseNumber: number, kind: DoseKind, dueOn: string): DueDose => ({
    doseNumber,
    kind,
    dueOn,
    overdue: dueOn <= facts.asOf,
    policy: policyRef(policy),
  });
  if (!last) return age >= policy.primaryMinAge ? due(1, 'primary', facts.asOf) : null;
  const complete = primaryComplete(doses);
  if (!complete) {
    const product = vaccineProduct(doses.filter((d) => d.kind === 'primary')[0]?.product ?? last.product);
    return due(doses.length + 1, 'primary', addDays(last.givenOn, product?.primaryIntervalDays ?? 28));
  }
  const boosters = doses.filter((d) => d.kind === 'booster').length;
  if (boosters === 0 && policy.booster3 && age >= policy.booster3.minAge) {
    const months =
      age < 18
        ? (policy.booster3.under18MinMonths ?? policy.booster3.adultMinMonths)
        : policy.booster3.adultMinMonths;
    return due(doses.length + 1, 'booster', addMonths(last.givenOn, months));
  }
  // Mũi 4: the registry knows ages, not occupations or immune status; 50+ are its priority group.
  if (boosters === 1 && policy.booster4 && age >= 50) {
    return due(doses.length + 1, 'booster', addMonths(last.givenOn, policy.booster4.minMonths));
  }
  return null;
}
