import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { commentAdoptions, decisionDocumentKinds, type DecisionAnswerBody, type DecisionComment, type DecisionDocumentKind } from '@fazhi/contracts';
import { useLocale, useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useCan } from '../auth/session-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useDownload } from '../../shared/use-download.ts';
import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { answerComment, documentPath, fetchComments } from './decisions-api.ts';

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

/** Major decisions on the one case page: the public's comments and their answers, and the documents, beside the clocks; each step takes the fields its schema declares. */
/** The article that governs each step, above its fields (重大行政决策程序暂行条例). */
const stepNotes: Partial<Record<string, MessageKey>> = {
  open_comment: 'decisions.note.open_comment', open_comment_short: 'decisions.note.open_comment_short', close_comment: 'decisions.note.close_comment',
  hearing: 'decisions.note.hearing', submit_review: 'decisions.note.submit_review', legal_opinion: 'decisions.note.legal_opinion',
  put_on_agenda: 'decisions.note.put_on_agenda', decide: 'decisions.note.decide', publish: 'decisions.note.publish',
};

export const decisionCase: CaseExtension = { side: [CommentsPanel, DocumentsPanel], stepNote: (action) => stepNotes[action.key] };
