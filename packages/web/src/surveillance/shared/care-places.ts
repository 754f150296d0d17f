import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FIXED_CARE_PLACES, isFixedCarePlace } from './labels.ts';

/** A care tier of a province, as GET /care-tiers lists it (tiers are data a province changes). */
export interface CareTier {
  code: string;
  name: string;
  tier: number;
  active: boolean;
  own: boolean;
}

/**
 * The places of care the account may choose and how to name any of them: home and facility from
 * i18n, the treatment tiers of the account's province from the API (retired ones only named).
 */
export function useCarePlaces() {
  const { t } = useTranslation();
  const tiers = useQuery({
    queryKey: ['/care-tiers'],
    queryFn: async () => (await api.get<{ provinceCode: string; items: CareTier[] }>('/care-tiers')).items,
    staleTime: 5 * 60_000,
  });
  const items = tiers.data ?? [];
  const byCode = new Map(items.map((tier) => [tier.code, tier.name]));
  /** The name of a place; `known` is the name the API gave with the record (a tier of its province). */
  const label = (code: string | null | undefined, known?: string | null): string => {
    if (!code) return '';
    if (isFixedCarePlace(code)) return t(`carePlaces.${code}`);
    return known ?? byCode.get(code) ?? t('carePlaces.unknownTier');
  };
  const options = [
    ...FIXED_CARE_PLACES.map((code) => ({ value: code as string, label: t(`carePlaces.${code}`) })),
    ...items.filter((tier) => tier.active).map((tier) => ({ value: tier.code, label: tier.name })),
  ];
  return { options, label, loading: tiers.isPending };
}
