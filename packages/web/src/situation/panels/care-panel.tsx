import { Col, Flex, List, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import type { CarePanelData } from '../types.ts';
import { listUrl, type PanelParams } from '../use-start-params.ts';
import { Figure } from './figure.tsx';
import { Panel } from './panel.tsx';
import { usePanel } from './use-panel.ts';

/**
 * Isolation and home care on the day: F0 by place of care (home, isolation sites, each treatment
 * tier), the warnings open and the people at home not heard from, free beds, hotline requests.
 */
export function CarePanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<CarePanelData>('/situation/care', params);
  return (
    <Panel testId="panel-care" title={t('situation.care.title')} query={query}>
      {(data) => {
        const home = data.places.find((p) => p.place === 'home');
        const others = data.places.reduce((n, p) => n + p.others, 0);
        const unit = data.unit?.code;
        const places = data.places.filter((p) => p.place !== 'home' && p.cases + p.others > 0);
        return (
          <Flex vertical gap={12}>
            <Row gutter={[16, 12]}>
              <Col xs={12} md={8}>
                <Figure
                  testId="care-home"
                  label={t('situation.care.atHome')}
                  value={home?.cases ?? 0}
                  to={listUrl('/care/episodes', { place: 'home', reason: 'case', unit })}
                />
              </Col>
              <Col xs={12} md={8}>
                <Figure
                  testId="care-alerts"
                  label={t('situation.care.alerts')}
                  value={data.alerts.open}
                  to={listUrl('/care/board', { unit })}
                  note={
                    data.alerts.open > 0 ? (
                      <Typography.Text type="danger" style={{ fontSize: 13 }}>
                        {t('situation.care.alertSplit', {
                          emergency: formatNumber(data.alerts.emergency),
                          urgent: formatNumber(data.alerts.urgent),
                          watch: formatNumber(data.alerts.watch),
                        })}
                      </Typography.Text>
                    ) : undefined
                  }
                />
              </Col>
              <Col xs={12} md={8}>
                <Figure
                  testId="care-unreachable"
                  label={t('situation.care.unreachable')}
                  value={data.unreachable}
                  to={listUrl('/care/board', { unit })}
                />
              </Col>
              <Col xs={12} md={8}>
                <Figure
                  testId="care-free-beds"
                  label={t('situation.care.freeBeds')}
                  value={data.beds.free}
                  to={listUrl('/care/capacity', { unit })}
                  note={
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {data.beds.reported
                        ? t('situation.care.bedsOf', {
                            occupied: formatNumber(data.beds.occupied),
                            total: formatNumber(data.beds.total),
                            facilities: formatNumber(data.beds.facilities),
                          })
                        : t('situation.care.bedsNotReported')}
                    </Typography.Text>
                  }
                />
              </Col>
              <Col xs={12} md={8}>
                <Figure
                  testId="care-requests"
                  label={t('situation.care.requests')}
                  value={data.requests.open}
                  to={listUrl('/care/hotline', { unit })}
                  note={
                    data.requests.overdue > 0 ? (
                      <Typography.Text type="danger" style={{ fontSize: 13 }}>
                        {t('situation.care.overdue', { count: data.requests.overdue })}
                      </Typography.Text>
                    ) : undefined
                  }
                />
              </Col>
            </Row>
            {places.length > 0 && (
              <List
                size="small"
                dataSource={places}
                renderItem={(p) => (
                  <List.Item>
                    <span>
                      {p.place === 'isolation'
                        ? t('situation.care.isolation')
                        : `${t('situation.care.treatment')}${p.tierName ? ` — ${p.tierName}` : ''}`}
                    </span>
                    <span>{formatNumber(p.cases + p.others)}</span>
                  </List.Item>
                )}
              />
            )}
            {others > 0 && (
              <Typography.Text type="secondary">
                {t('situation.care.others', { count: others })}
              </Typography.Text>
            )}
            {data.places.length === 0 && (
              <Typography.Text type="secondary">{t('situation.care.none')}</Typography.Text>
            )}
          </Flex>
        );
      }}
    </Panel>
  );
}
