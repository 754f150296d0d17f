import { Tag } from 'antd';
import {
  CASE_STATUS_LABELS,
  type CaseStatus,
  labelOf,
  SEVERITY_LABELS,
  type Severity,
  TEST_RESULT_LABELS,
  type TestResult,
} from './labels.ts';

const STATUS_COLORS: Record<CaseStatus, string> = {
  active: 'red',
  recovered: 'green',
  transferred_out: 'default',
  died: 'black',
};

const SEVERITY_COLORS: Record<Severity, string> = {
  asymptomatic: 'default',
  mild: 'blue',
  moderate: 'gold',
  severe: 'orange',
  critical: 'red',
};

const RESULT_COLORS: Record<TestResult, string> = {
  pending: 'default',
  positive: 'red',
  negative: 'green',
  invalid: 'orange',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{labelOf(CASE_STATUS_LABELS, status)}</Tag>;
}

export function SeverityTag({ severity }: { severity: Severity }) {
  return <Tag color={SEVERITY_COLORS[severity]}>{labelOf(SEVERITY_LABELS, severity)}</Tag>;
}

export function TestResultTag({ result }: { result: TestResult }) {
  return <Tag color={RESULT_COLORS[result]}>{labelOf(TEST_RESULT_LABELS, result)}</Tag>;
}
