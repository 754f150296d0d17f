import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../app/page-header.tsx';
import { PersonForm } from './person-form.tsx';
import { PersonLoadError } from './person-load-error.tsx';
import { usePerson } from './use-person.ts';

/** /persons/new and /persons/:id/edit. */
export function PersonFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const person = usePerson(id);
  if (id === undefined) {
    return (
      <>
        <PageHeader title={t('persons.newTitle')} />
        <PersonForm />
      </>
    );
  }
  if (person.isPending) return <Skeleton active />;
  if (person.isError) return <PersonLoadError error={person.error} />;
  return (
    <>
      <PageHeader title={t('persons.editTitle', { name: person.data.fullName })} />
      <PersonForm key={person.data.updatedAt} person={person.data} />
    </>
  );
}
