import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { commentAdoptions, decisionDocumentKinds, type CaseAction, type CaseView, type DecisionAnswerBody, type DecisionComment, type DecisionDocumentKind } from '@fazhi/contracts';
import { useLocale, useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useCan } from '../auth/session-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useDownload } from '../../shared/use-download.ts';
import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { caseLink } from '../cases/case-columns.tsx';
import { SchemaField } from '../cases/transition-drawer.tsx';
import { answerComment, documentPath, fetchCatalogue, fetchCatalogues, fetchComments, fetchDecidingMeetings, fetchDecisionLinks } from './decisions-api.ts';

/** States after publication: the answers went out with the decision and are no longer changed. */
const published = ['published', 'evaluated', 'archived'];

/**
 * 公众意见 on the decision's case page: each comment from the portal (the commenter's name and
 * phone masked), and its answer with how it was taken up, which the office gives before the
 * decision is published (第三十二条). Whoever may take the case's steps may answer.
 */
const CommentsPanel = ({ view }: CasePanelProps) => {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const comments = useRemote(() => fetchComments(view.id), `decision-comments:${view.id}:${view.version}`);
  const [answering, setAnswering] = useState<DecisionComment | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<DecisionAnswerBody>();
  const can = useCan();
  const mayAnswer = can('decision.handle') && view.statusKind === 'open' && !published.includes(view.status) && view.actions.length > 0;
  const data = comments.data;
  if (!data || (data.items.length === 0 && !['commenting', 'drafted'].includes(view.status))) return null;

  const save = async (v: DecisionAnswerBody) => {
    if (!answering) return;
    setSaving(true);
    try {
      await answerComment(view.id, answering.id, { answer: v.answer.trim(), adoption: v.adoption });
      void message.success(t('decisions.comments.saved'));
      setAnswering(null);
      comments.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('decisions.comments.title')} data-testid="decision-comments">
      {data.unanswered > 0 && mayAnswer && <Typography.Paragraph type="warning">{t('decisions.comments.unanswered', { n: data.unanswered })}</Typography.Paragraph>}
      {data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.comments.empty')} /> : (
        <List<DecisionComment> dataSource={data.items} renderItem={(c) => (
          <List.Item key={c.id} actions={c.answer === null && mayAnswer ? [<Button key="a" size="small" onClick={() => { form.resetFields(); setAnswering(c); }}>{t('decisions.comments.answer')}</Button>] : []}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text>{c.body}</Typography.Text>
              <Typography.Text type="secondary">{c.name ?? t('decisions.comments.anonymous')}{c.phone ? ` · ${c.phone}` : ''} · {formatDateTime(c.submittedAt)}</Typography.Text>
              {c.answer !== null && <Typography.Text><Tag color="green">{c.adoption}</Tag>{c.answer}</Typography.Text>}
            </Space>
          </List.Item>
        )} />
      )}
      <Modal open={answering !== null} title={t('decisions.comments.answerTitle')} onCancel={() => setAnswering(null)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Typography.Paragraph type="secondary">{answering?.body}</Typography.Paragraph>
        <Form<DecisionAnswerBody> form={form} layout="vertical" name="decision-answer" onFinish={(v) => void save(v)} initialValues={{ adoption: '采纳' }}>
          <Form.Item name="adoption" label={t('decisions.comments.adoption')} rules={[{ required: true }]}>
            <Select options={commentAdoptions.map((a) => ({ value: a, label: a }))} />
          </Form.Item>
          <Form.Item name="answer" label={t('decisions.comments.answerText')} rules={[{ required: true, whitespace: true, message: t('decisions.new.required', { label: t('decisions.comments.answerText') }) }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};

const docTitles: Record<DecisionDocumentKind, MessageKey> = { legal_opinion: 'decisions.doc.legal_opinion', minutes: 'decisions.doc.minutes', decision: 'decisions.doc.decision' };
/** The step each document records (the server answers 422 before it is taken). */
const docStep: Record<DecisionDocumentKind, string> = { legal_opinion: 'legal_opinion', minutes: 'decide', decision: 'publish' };

/** 决策文书: the legality-review opinion, the meeting's minutes and the decision, as Word in the official layout, once their steps are on record. */
const DocumentsPanel = ({ view }: CasePanelProps) => {
  const { t } = useLocale();
  const { busy, download: fetchFile } = useDownload<DecisionDocumentKind>();
  const steps = view.stepFields;
  const ready = decisionDocumentKinds.filter((k) => Boolean(steps[docStep[k]]));
  if (ready.length === 0) return null;
  const download = (kind: DecisionDocumentKind) => fetchFile(kind, documentPath(view.id, kind), `${view.ref}-${t(docTitles[kind])}.docx`);
  return (
    <Card size="small" title={t('decisions.doc.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {ready.map((k) => (
          <Button key={k} block icon={<FileWordOutlined />} loading={busy === k} onClick={() => void download(k)} data-testid={`decision-doc-${k}`}>{t(docTitles[k])}</Button>
        ))}
      </Space>
    </Card>
  );
};

/**
 * 目录与会议: the catalogue item the decision was started on (第三条第三款) or why it is outside
 * the catalogue, and the meeting records whose agenda lists it — the one it was decided at marked.
 */
const LinksPanel = ({ view }: CasePanelProps) => {
  const { t } = useLocale();
  const links = useRemote(() => fetchDecisionLinks(view.id), `decision-links:${view.id}:${view.version}`);
  const d = links.data;
  if (!d || (!d.catalogueItem && !d.outsideReason && d.meetings.length === 0)) return null;
  return (
    <Card size="small" title={t('decisions.links.title')} data-testid="decision-links">
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        {d.catalogueItem ? (
          <Link to={`/console/decisions?tab=catalogue`}>{t('decisions.links.item', { year: d.catalogueItem.year, seq: d.catalogueItem.seq, title: d.catalogueItem.title })}</Link>
        ) : d.outsideReason ? <Typography.Text type="secondary">{t('decisions.links.outside', { reason: d.outsideReason })}</Typography.Text> : null}
        {d.meetings.map((m) => (
          <Space key={m.id} wrap size={4}>
            <Link to={caseLink(m.id)} data-testid="decision-meeting-link">{m.title}</Link>
            {m.heldOn && <Typography.Text type="secondary">{m.heldOn}</Typography.Text>}
            {m.decidedHere && <Tag color="green">{t('decisions.links.decidedHere')}</Tag>}
          </Space>
        ))}
      </Space>
    </Card>
  );
};

/**
 * 决策启动: the item of the township's agreed catalogue (or why the matter is outside it) and the
 * amount the matter involves (the township's thresholds send it to a body), then the step's
 * other fields as its schema declares them.
 */
const StartFields = ({ action }: { action: CaseAction }) => {
  const t = useT();
  const catalogues = useRemote(async () => {
    const usable = (await fetchCatalogues()).items.filter((c) => c.status !== 'draft');
    const views = await Promise.all(usable.slice(0, 3).map((c) => fetchCatalogue(c.id)));
    return views.flatMap((v) => v.itemList.filter((i) => i.withdrawnOn === null && i.decision === null).map((i) => ({ value: i.id, label: `${v.year}年第${i.seq}项 ${i.title}` })));
  }, 'catalogue-items');
  const rest = (action.fields ?? []).filter((f) => !['catalogueItemId', 'outsideReason'].includes(f.key));
  return (
    <>
      <Form.Item name="catalogueItemId" label={t('decisions.start.item')} extra={t('decisions.start.itemHint')}>
        <Select allowClear showSearch optionFilterProp="label" loading={catalogues.loading} options={catalogues.data ?? []} data-testid="start-catalogue-item" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Record<string, unknown>, b: Record<string, unknown>) => a.catalogueItemId !== b.catalogueItemId}>
        {({ getFieldValue }) => (getFieldValue('catalogueItemId') ? null : (
          <Form.Item name="outsideReason" label={t('decisions.start.outside')} rules={[{ required: true, whitespace: true, message: t('decisions.new.required', { label: t('decisions.start.outside') }) }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ))}
      </Form.Item>
      {rest.map((f) => <SchemaField key={f.key} field={f} />)}
    </>
  );
};

/**
 * 集体讨论决定: the meeting record (a held meeting of the deciding body whose agenda lists the
 * decision) fills in who was due and who attended as that record has them; the votes, the head
 * speaking last and the decision are the item's own.
 */
const DecideFields = ({ action, view }: { action: CaseAction; view: CaseView }) => {
  const t = useT();
  const form = Form.useFormInstance();
  const meetings = useRemote(() => fetchDecidingMeetings(view.id), `deciding-meetings:${view.id}`);
  const pick = (id: string | undefined) => {
    const m = meetings.data?.items.find((x) => x.id === id);
    if (m) form.setFieldsValue({ meeting: m.kind, membersDue: m.membersDue, present: m.present, attendees: m.attendees });
  };
  return (
    <>
      <Form.Item name="meetingId" label={t('decisions.decide.meeting')} extra={t('decisions.decide.meetingHint')}>
        <Select allowClear loading={meetings.loading} onChange={(v: string | undefined) => pick(v)} data-testid="decide-meeting"
          options={(meetings.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.title}（${m.heldOn}）${m.listsDecision ? '' : t('decisions.decide.notListed')}`, disabled: !m.listsDecision }))} />
      </Form.Item>
      {(action.fields ?? []).filter((f) => f.key !== 'meetingId').map((f) => <SchemaField key={f.key} field={f} />)}
    </>
  );
};

/** Major decisions on the one case page: the public's comments and their answers, and the documents, beside the clocks; each step takes the fields its schema declares. */
/** The article that governs each step, above its fields (重大行政决策程序暂行条例). */
const stepNotes: Partial<Record<string, MessageKey>> = {
  open_comment: 'decisions.note.open_comment', open_comment_short: 'decisions.note.open_comment_short', close_comment: 'decisions.note.close_comment',
  hearing: 'decisions.note.hearing', submit_review: 'decisions.note.submit_review', legal_opinion: 'decisions.note.legal_opinion',
  put_on_agenda: 'decisions.note.put_on_agenda', decide: 'decisions.note.decide', publish: 'decisions.note.publish',
};

export const decisionCase: CaseExtension = {
  side: [LinksPanel, CommentsPanel, DocumentsPanel],
  stepNote: (action) => stepNotes[action.key],
  stepFields: (action, view) => (action.key === 'start' ? <StartFields action={action} /> : action.key === 'decide' ? <DecideFields action={action} view={view} /> : undefined),
};
