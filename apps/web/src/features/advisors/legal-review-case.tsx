import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { reviewConclusionsFor, type CaseAction, type CaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useDownload } from '../../shared/use-download.ts';
import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { fetchCandidates } from './advisors-api.ts';

type Issue = { problem: string; suggestion: string; basis?: string };
type Resolution = { issueNo: number; outcome: '采纳' | '未采纳'; handling?: string };
type Opinion = { conclusion?: string; opinion?: string; hours?: number; issues?: Issue[] };

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** The opinion and the resolutions as the engine recorded the steps. */
const opinionOf = (view: CaseView): Opinion => record(view.stepFields.opinion);
const resolutionsOf = (view: CaseView): Resolution[] => {
  const r = record(view.stepFields.resolve).resolutions;
  return Array.isArray(r) ? (r as Resolution[]) : [];
};

/** 审查发现的问题及采纳情况: the opinion's conclusion and hours, each issue with its suggestion and how the submitter dealt with it. */
const IssuesPanel = ({ view }: CasePanelProps) => {
  const t = useT();
  const op = opinionOf(view);
  const issues = op.issues ?? [];
  const resolutions = resolutionsOf(view);
  const data = record(view.data);
  const advisor = record(view.facts.advisor);
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);
  const submitted = [
    ['advisors.new.document', text(data.documentName)], ['advisors.new.matter', text(data.matter)], ['advisors.new.counterparty', text(data.counterparty)],
    ['advisors.new.amount', text(data.amount)], ['advisors.col.advisor', text(advisor.name)],
  ] as const;
  return (
    <Card size="small" title={t('advisors.issues.title')} data-testid="legal-review-issues">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}
        items={submitted.filter(([, v]) => v !== null).map(([k, v]) => ({ key: k, label: t(k), children: v }))} />
      {!op.conclusion ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('advisors.issues.waiting')} /> : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>{t('advisors.issues.conclusion')}</Typography.Text>
            <Tag color={/不/u.test(op.conclusion) ? 'error' : /修改/u.test(op.conclusion) ? 'warning' : 'success'}>{op.conclusion}</Tag>
            {typeof op.hours === 'number' && <Typography.Text type="secondary">{t('advisors.issues.hours', { hours: op.hours })}</Typography.Text>}
          </Space>
          {issues.length === 0 ? <Typography.Text type="secondary">{t('advisors.issues.none')}</Typography.Text> : (
            <List dataSource={issues} renderItem={(x, i) => {
              const r = resolutions.find((y) => y.issueNo === i + 1);
              return (
                <List.Item key={i}>
                  <Descriptions size="small" column={1} style={{ width: '100%' }} title={t('advisors.issues.no', { n: i + 1 })}
                    extra={r ? <Tag color={r.outcome === '采纳' ? 'success' : 'default'}>{r.outcome}</Tag> : <Tag color="processing">{t('advisors.issues.pending')}</Tag>}
                    items={[
                      { key: 'p', label: t('advisors.issues.problem'), children: x.problem },
                      { key: 's', label: t('advisors.issues.suggestion'), children: x.suggestion },
                      ...(x.basis ? [{ key: 'b', label: t('advisors.issues.basis'), children: x.basis }] : []),
                      ...(r?.handling ? [{ key: 'h', label: t('advisors.issues.handling'), children: r.handling }] : []),
                    ]} />
                </List.Item>
              );
            }} />
          )}
        </Space>
      )}
    </Card>
  );
};

/** 法律审查意见书: the opinion as Word in the official layout, once it is given. */
const DocumentPanel = ({ view }: CasePanelProps) => {
  const t = useT();
  const { busy, download } = useDownload<'opinion'>();
  if (!view.stepFields.opinion) return null;
  return (
    <Card size="small" title={t('advisors.doc.title')}>
      <Button block icon={<FileWordOutlined />} loading={busy === 'opinion'} data-testid="legal-review-opinion-doc"
        onClick={() => void download('opinion', `/advisors/cases/${view.id}/opinion/download`, `${view.ref}-${t('advisors.doc.opinion')}.docx`)}>{t('advisors.doc.opinion')}</Button>
    </Card>
  );
};

/** 出具审查意见: the conclusion the matter takes, the opinion, the issues one by one, the hours. */
const OpinionFields = ({ view }: { view: CaseView }) => {
  const t = useT();
  const req = (key: MessageKey) => [{ required: true, message: t('advisors.required', { label: t(key) }) }];
  return (
    <>
      <Form.Item name="conclusion" label={t('advisors.opinion.conclusion')} rules={req('advisors.opinion.conclusion')}>
        <Radio.Group options={reviewConclusionsFor(view.category ?? '').map((c) => ({ value: c, label: c }))} data-testid="opinion-conclusion" />
      </Form.Item>
      <Form.Item name="opinion" label={t('advisors.opinion.text')} rules={[{ required: true, whitespace: true, message: t('advisors.required', { label: t('advisors.opinion.text') }) }]}>
        <Input.TextArea rows={4} maxLength={10000} />
      </Form.Item>
      <Form.List name="issues">
        {(rows, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {rows.map((row, i) => (
              <Card key={row.key} size="small" title={t('advisors.issues.no', { n: i + 1 })}
                extra={<Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('advisors.issues.remove')} />}>
                <Form.Item name={[row.name, 'problem']} label={t('advisors.issues.problem')} rules={[{ required: true, whitespace: true, message: t('advisors.required', { label: t('advisors.issues.problem') }) }]}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Form.Item name={[row.name, 'suggestion']} label={t('advisors.issues.suggestion')} rules={[{ required: true, whitespace: true, message: t('advisors.required', { label: t('advisors.issues.suggestion') }) }]}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Form.Item name={[row.name, 'basis']} label={t('advisors.issues.basis')}><Input maxLength={500} /></Form.Item>
              </Card>
            ))}
            <Button block icon={<PlusOutlined />} onClick={() => add({})} data-testid="opinion-add-issue">{t('advisors.issues.add')}</Button>
          </Space>
        )}
      </Form.List>
      <Form.Item name="hours" label={t('advisors.opinion.hours')} extra={t('advisors.services.hoursHint')} rules={req('advisors.opinion.hours')} style={{ marginTop: 16 }}>
        <InputNumber min={0.1} max={24} step={0.5} precision={1} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
};

/** 反馈意见采纳情况: each issue of the opinion, adopted or not (with the reason). */
const ResolveFields = ({ view }: { view: CaseView }) => {
  const t = useT();
  const issues = opinionOf(view).issues ?? [];
  return (
    <>
      <Form.List name="resolutions" initialValue={issues.map((_, i) => ({ issueNo: i + 1, outcome: '采纳' }))}>
        {(rows) => rows.map((row, i) => (
          <Card key={row.key} size="small" style={{ marginBottom: 12 }} title={t('advisors.issues.no', { n: i + 1 })}>
            <Typography.Paragraph type="secondary">{issues[i]?.problem} — {issues[i]?.suggestion}</Typography.Paragraph>
            <Form.Item name={[row.name, 'issueNo']} hidden><InputNumber /></Form.Item>
            <Form.Item name={[row.name, 'outcome']} label={t('advisors.issues.outcome')} rules={[{ required: true }]}>
              <Radio.Group options={[{ value: '采纳', label: '采纳' }, { value: '未采纳', label: '未采纳' }]} data-testid={`resolve-outcome-${i + 1}`} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => {
                const notAdopted = getFieldValue(['resolutions', row.name, 'outcome']) === '未采纳';
                return (
                  <Form.Item name={[row.name, 'handling']} label={t('advisors.issues.handling')}
                    rules={notAdopted ? [{ required: true, whitespace: true, message: t('advisors.resolve.handlingRequired') }] : []}>
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </Card>
        ))}
      </Form.List>
      <Form.Item name="summary" label={t('advisors.resolve.summary')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
    </>
  );
};

/** 指定法律顾问: one of those who may give opinions at the case's org. */
const AssignFields = ({ view }: { view: CaseView }) => {
  const t = useT();
  const candidates = useRemote(() => fetchCandidates(view.orgId), `advisor-candidates:${view.orgId}`);
  return (
    <Form.Item name="advisorId" label={t('advisors.assign.advisor')} rules={[{ required: true, message: t('advisors.required', { label: t('advisors.assign.advisor') }) }]}>
      <Select loading={candidates.loading} options={(candidates.data?.items ?? []).map((c) => ({ value: c.userId, label: `${c.displayName}（${c.orgName}）` }))} />
    </Form.Item>
  );
};

const stepFields = (action: CaseAction, view: CaseView) => {
  if (action.key === 'opinion') return <OpinionFields view={view} />;
  if (action.key === 'resolve') return <ResolveFields view={view} />;
  if (action.key === 'assign') return <AssignFields view={view} />;
  return undefined;
};
const stepNotes: Partial<Record<string, MessageKey>> = { opinion: 'advisors.note.opinion', resolve: 'advisors.note.resolve', close: 'advisors.note.close' };

/** A legal review on the one case page: the issues and their resolution beside the facts; the opinion, resolution and advisor steps with their own fields. */
export const legalReviewCase: CaseExtension = { main: [IssuesPanel], side: [DocumentPanel], stepFields, stepNote: (action) => stepNotes[action.key] };
