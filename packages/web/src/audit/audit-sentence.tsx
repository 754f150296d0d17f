import type { Permission } from '@tuyendau/domain';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../app/account.ts';
import { formatDate, formatNumber } from '../app/format.ts';
import {
  labelOf,
  OUTCOME_LABELS,
  SEVERITY_LABELS,
  TEST_RESULT_LABELS,
} from '../surveillance/shared/labels.ts';

/** The record an event names, when it still exists and lies inside the viewer's jurisdiction. */
export interface AuditTarget {
  type: 'person' | 'case' | 'cluster' | 'pool' | 'account' | 'api_token' | 'care_tier';
  id: string;
  name: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorId?: string | null;
  actorUsername?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
  target?: AuditTarget | null;
}

/** The actions and records the log knows how to word, in the order the filters offer them. */
export const AUDIT_ACTIONS = [
  'read',
  'list',
  'export',
  'create',
  'update',
  'move',
  'close',
  'import',
  'login',
  'logout',
  'login_failed',
  'login_refused',
  'password_change',
  'password_reset',
  'revoke',
] as const;

export const AUDIT_ENTITIES = [
  'person',
  'household',
  'case',
  'contact',
  'lab_test',
  'lab_test_pool',
  'lab_test_worklist',
  'cluster',
  'lockdown_zone',
  'account',
  'api_token',
  'care_tier',
  'vaccine_dose',
  'vaccine_dose_national_id',
] as const;

/** Where a record opens, and the permission that page needs. */
function linkOf(target: AuditTarget): { to: string; permission: Permission } | null {
  switch (target.type) {
    case 'person':
      return { to: `/persons/${target.id}`, permission: 'person.read' };
    case 'case':
      return { to: `/cases/${target.id}`, permission: 'case.read' };
    case 'cluster':
      return { to: `/clusters/${target.id}`, permission: 'case.read' };
    case 'pool':
      return { to: `/tests/pools/${target.id}`, permission: 'case.read' };
    case 'account':
      return target.name
        ? { to: `/accounts?q=${encodeURIComponent(target.name)}`, permission: 'user.admin' }
        : null;
    default:
      return null;
  }
}

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** What the event's detail adds to its sentence ("(12 dòng)", "kết quả: Dương tính"), worded; '' when nothing. */
export function detailPhrase(event: AuditEvent, t: TFunction): string {
  const d = event.detail ?? {};
  const count = num(d.count);
  if (event.action === 'import') {
    return t('audit.details.import', {
      rows: formatNumber(num(d.rows) ?? 0),
      inserted: formatNumber(num(d.inserted) ?? 0),
      rejected: formatNumber(num(d.rejected) ?? 0),
      count: num(d.rows) ?? 0,
    });
  }
  if (event.action === 'login_failed' && str(d.username)) {
    return t('audit.details.username', { username: str(d.username) });
  }
  if ((event.entity === 'lab_test' || event.entity === 'lab_test_pool') && str(d.result)) {
    return t('audit.details.result', { result: labelOf(TEST_RESULT_LABELS, str(d.result)) });
  }
  if (event.entity === 'lab_test_pool' && Array.isArray(d.memberIds)) {
    return t('audit.details.members', { count: d.memberIds.length, n: formatNumber(d.memberIds.length) });
  }
  if (event.entity === 'cluster' && event.action === 'close' && str(d.closedOn)) {
    return t('audit.details.on', { date: formatDate(str(d.closedOn)) });
  }
  if (event.entity === 'account' && event.action === 'create' && str(d.role)) {
    return t('audit.details.role', {
      role: t(`roles.${str(d.role)}`, { defaultValue: t('audit.details.someRole') }),
    });
  }
  if (event.entity === 'case' && event.action === 'update' && str(d.kind) && str(d.value)) {
    const value = str(d.value);
    if (d.kind === 'severity') return t('audit.details.severity', { value: labelOf(SEVERITY_LABELS, value) });
    if (d.kind === 'outcome') return t('audit.details.outcome', { value: labelOf(OUTCOME_LABELS, value) });
    if (d.kind === 'care') return t('audit.details.care');
  }
  if (count !== null) return t('audit.details.rows', { count, n: formatNumber(count) });
  return '';
}

/** The key of the sentence that words this event: its own, else one for its action, else the generic one. */
function sentenceKey(event: AuditEvent, exists: (key: string) => boolean): string {
  const own = `audit.sentence.${event.entity}.${event.action}`;
  if (exists(own)) return own;
  const byAction = `audit.sentence.any.${event.action}`;
  if (exists(byAction)) return byAction;
  return 'audit.sentence.generic';
}

/**
 * One event as a sentence: "tram.03387 xem hồ sơ Lò Văn A", the record a link when the viewer may
 * open it. Every part goes through i18n; an action or record this build does not know is worded
 * generically, never shown as its code.
 */
export function AuditSentence({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const me = useAccount();
  const target = event.target ?? null;
  const link = target ? linkOf(target) : null;
  const name =
    target?.name ?? (target ? t(`audit.entities.${event.entity}`, { defaultValue: '' }) : t('audit.hidden'));
  const record: ReactElement =
    link && can(me, link.permission) ? <Link to={link.to} data-testid="audit-record-link" /> : <span />;
  const key = sentenceKey(event, (k) => i18n.exists(k));
  const detail = detailPhrase(event, t);
  return (
    <span data-testid="audit-sentence">
      <Trans
        t={t}
        i18nKey={key}
        values={{
          actor: event.actorUsername ?? t('audit.anonymous'),
          name,
          action: t(`audit.actions.${event.action}`, { defaultValue: t('audit.someAction') }),
          entity: t(`audit.entities.${event.entity}`, { defaultValue: t('audit.someRecord') }),
        }}
        components={{ b: <strong />, rec: record }}
      />
      {detail && ` ${detail}`}
    </span>
  );
}
