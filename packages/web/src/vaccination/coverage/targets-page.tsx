import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatRate } from '@tuyendau/domain';
import { Alert, App, Button, Card, Flex, Popconfirm, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { UnitSelect } from '../../units/unit-select.tsx';
import { PopulationModal, TargetModal } from './target-forms.tsx';
import { GROUP_KEYS, type PopulationTarget, type Target } from './types.ts';
import { coverageUrl } from './use-coverage-params.ts';

type Editing =
  | { kind: 'target'; target?: Target }
  | { kind: 'population'; population?: PopulationTarget }
  | null;

/**
 * /vaccination/targets?unit=: the coverage targets that apply inside a unit (those set on it, on
 * the units inside it and above it) and its official target populations; set, changed and removed
 * by vaccination.manage, every change audited by the server.
 */
export function TargetsPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const unit = search.get('unit') || me.unit?.code;
  const [editing, setEditing] = useState<Editing>(null);
  const [known, setKnown] = useState<{ code: string; name: string }>();
  const queryClient = useQueryClient();
  const targets = useQuery({
    queryKey: ['/vaccination/targets', unit],
    queryFn: () => api.get<{ items: Target[] }>('/vaccination/targets', { unit }),
    enabled: !!unit,
  });
  const populations = useQuery({
    queryKey: ['/vaccination/population-targets', unit],
    queryFn: () => api.get<{ items: PopulationTarget[] }>('/vaccination/population-targets', { unit }),
    enabled: !!unit,
  });
  const remove = useMutation({
    mutationFn: (path: string) => api.delete(path),
    onSuccess: async () => {
      await Promise.all(
        ['/vaccination/targets', '/vaccination/population-targets', '/vaccination/coverage'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      );
      message.success(t('vaccinationCoverage.removed'));
    },
    onError: (error) => message.error(messageOf(error)),
  });
  const unitName = known?.code === unit ? known?.name : unit === me.unit?.code ? me.unit?.name : undefined;
  const current = unit && unitName ? { code: unit, name: unitName } : undefined;
  const group = (g: Target['ageGroup']) => t(`vaccinationCoverage.groupsShort.${GROUP_KEYS[g]}`);
  return (
    <>
      <PageHeader
        title={t('vaccinationCoverage.targetsTitle')}
        extra={
          <Link to={coverageUrl({ unit: search.get('unit') ?? undefined })}>
            {t('vaccinationCoverage.backToCoverage')}
          </Link>
        }
      />
      <Flex vertical gap={16} data-testid="targets-page">
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('vaccinationCoverage.unit')}</Typography.Text>
          <UnitSelect
            data-testid="targets-unit"
            aria-label={t('vaccinationCoverage.unit')}
            value={unit}
            known={current}
            placeholder={t('vaccinationCoverage.pickUnit')}
            onChange={(code, option) => {
              if (option && !Array.isArray(option)) setKnown({ code, name: String(option.label) });
              setSearch(code ? { unit: code } : {}, { replace: true });
            }}
            style={{ width: 280, maxWidth: '100%' }}
          />
        </Flex>
        <Typography.Text type="secondary">{t('vaccinationCoverage.targetsHint')}</Typography.Text>
        {!unit && <Alert type="info" showIcon title={t('vaccinationCoverage.pickUnitFirst')} />}
        <Card
          size="small"
          title={t('vaccinationCoverage.targetsList')}
          extra={
            <Button
              data-testid="target-new"
              type="primary"
              icon={<PlusOutlined />}
              disabled={!unit}
              onClick={() => setEditing({ kind: 'target' })}
            >
              {t('vaccinationCoverage.targetNew')}
            </Button>
          }
        >
          {targets.isPending && unit ? (
            <Skeleton active />
          ) : targets.isError ? (
            <Alert type="error" showIcon title={messageOf(targets.error)} />
          ) : (
            <Table<Target>
              data-testid="targets-table"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={targets.data?.items ?? []}
              locale={{ emptyText: t('vaccinationCoverage.noTargets') }}
              columns={[
                { title: t('vaccinationCoverage.unit'), dataIndex: 'unitName' },
                { title: t('vaccinationCoverage.ageGroup'), dataIndex: 'ageGroup', render: group },
                {
                  title: t('vaccinationCoverage.dose'),
                  dataIndex: 'dose',
                  render: (n: number) => t('vaccinationCoverage.doseN', { n }),
                },
                {
                  title: t('vaccinationCoverage.target'),
                  dataIndex: 'targetRate',
                  align: 'right',
                  render: (rate: number) => formatRate(rate / 100),
                },
                { title: t('vaccinationCoverage.deadline'), dataIndex: 'deadline', render: formatDate },
                { title: t('vaccinationCoverage.note'), dataIndex: 'note', responsive: ['lg'] },
                {
                  key: 'actions',
                  align: 'right',
                  render: (_: unknown, row) => (
                    <Flex gap={4} justify="flex-end">
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={t('vaccinationCoverage.edit')}
                        onClick={() => setEditing({ kind: 'target', target: row })}
                      />
                      <Popconfirm
                        title={t('vaccinationCoverage.removeTarget')}
                        okText={t('vaccinationCoverage.remove')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove.mutate(`/vaccination/targets/${row.id}`)}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('vaccinationCoverage.remove')}
                        />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]}
            />
          )}
        </Card>
        <Card
          size="small"
          title={t('vaccinationCoverage.populationsList')}
          extra={
            <Button
              data-testid="population-new"
              icon={<PlusOutlined />}
              disabled={!unit}
              onClick={() => setEditing({ kind: 'population' })}
            >
              {t('vaccinationCoverage.populationSet')}
            </Button>
          }
        >
          {populations.isPending && unit ? (
            <Skeleton active />
          ) : populations.isError ? (
            <Alert type="error" showIcon title={messageOf(populations.error)} />
          ) : (
            <Table<PopulationTarget>
              data-testid="populations-table"
              rowKey={(r) => `${r.unitCode}/${r.ageGroup}`}
              size="small"
              pagination={false}
              dataSource={populations.data?.items ?? []}
              locale={{ emptyText: t('vaccinationCoverage.noPopulations') }}
              columns={[
                { title: t('vaccinationCoverage.unit'), dataIndex: 'unitName' },
                { title: t('vaccinationCoverage.ageGroup'), dataIndex: 'ageGroup', render: group },
                {
                  title: t('vaccinationCoverage.populationOfficialLabel'),
                  dataIndex: 'population',
                  align: 'right',
                  render: (n: number) => formatNumber(n),
                },
                { title: t('vaccinationCoverage.populationSource'), dataIndex: 'source', responsive: ['md'] },
                {
                  key: 'actions',
                  align: 'right',
                  render: (_: unknown, row) => (
                    <Flex gap={4} justify="flex-end">
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={t('vaccinationCoverage.edit')}
                        onClick={() => setEditing({ kind: 'population', population: row })}
                      />
                      <Popconfirm
                        title={t('vaccinationCoverage.removePopulation')}
                        okText={t('vaccinationCoverage.remove')}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          remove.mutate(
                            `/vaccination/population-targets/${encodeURIComponent(row.unitCode)}/${encodeURIComponent(row.ageGroup)}`,
                          )
                        }
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('vaccinationCoverage.remove')}
                        />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]}
            />
          )}
        </Card>
      </Flex>
      {editing?.kind === 'target' && (
        <TargetModal editing={editing.target} unit={current} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'population' && (
        <PopulationModal editing={editing.population} unit={current} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
