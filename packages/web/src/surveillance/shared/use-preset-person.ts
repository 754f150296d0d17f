import { useSearchParams } from 'react-router';
import { usePerson } from '../../persons/use-person.ts';
import { type PersonOption, personLabel } from './person-picker.tsx';

/** The person named by `?person=` (a link from a person's page or a worklist), as a picker option. */
export function usePresetPerson(): { id?: string; option?: PersonOption; loading: boolean } {
  const [params] = useSearchParams();
  const id = params.get('person') ?? undefined;
  const person = usePerson(id);
  return {
    id,
    option: person.data && { value: person.data.id, label: personLabel(person.data) },
    loading: id !== undefined && person.isPending,
  };
}
