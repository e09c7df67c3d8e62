import { Button, Card, Descriptions, Divider, Form, Input, List, Select, Space, Tooltip, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { petitionDocumentKinds, type CaseView, type PetitionDocumentKind } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useDownload } from '../../shared/use-download.ts';
import { useCan } from '../auth/session-context.tsx';
import { fetchAssignableUsers } from '../cases/cases-api.ts';
import { documentPath, fetchRecusals, fetchRepeats, recordRecusal } from './petitions-api.ts';
import { RepeatsList } from './repeats-list.tsx';
import { MediationReferral } from './mediation-referral.tsx';

const titles: Record<PetitionDocumentKind, MessageKey> = {
  acceptance_notice: 'petitions.doc.acceptance_notice', routing_notice: 'petitions.doc.routing_notice',
  extension_notice: 'petitions.doc.extension_notice', opinion: 'petitions.doc.opinion',
};
type Fields = Record<string, Record<string, unknown> | undefined>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Whether the step a document records was taken (the server answers 422 otherwise). */
const available = (kind: PetitionDocumentKind, kase: CaseView): boolean => {
  const f = kase.stepFields as Fields;
  switch (kind) {
    case 'acceptance_notice': return Boolean(f.accept);
    case 'routing_notice': return Boolean(f.route ?? f.not_accept);
    case 'extension_notice': return kase.deadlines.some((d) => d.key === 'handling' && d.extensions.length > 0);
    case 'opinion': return Boolean(f.answer);
  }
};

/** 信访办理: the routing decision, the documents, earlier matters this may repeat, recusals. */
export const PetitionPanel = ({ kase, onChanged }: { kase: CaseView; onChanged?: () => void }) => {
  const { t } = useLocale();
  const can = useCan();
  const reportError = useReportError();
  const { busy, download: fetchFile } = useDownload<PetitionDocumentKind>();
  const repeats = useRemote(() => fetchRepeats(kase.id), `repeats:${kase.id}`);
  const recusals = useRemote(() => fetchRecusals(kase.id), `recusals:${kase.id}`);
  const handlers = useRemote(() => (can('petition.handle') && kase.statusKind === 'open' ? fetchAssignableUsers(kase.id) : Promise.resolve(undefined)), `handlers:${kase.id}`);
  const [form] = Form.useForm<{ userId: string; reason: string }>();
  const f = kase.stepFields as Fields;
  const route = f.route;
  const refusal = f.not_accept;

  const download = (kind: PetitionDocumentKind) => fetchFile(kind, documentPath(kase.id, kind), `${kase.ref}-${t(titles[kind])}.docx`);
  const recuse = async (v: { userId: string; reason: string }) => {
    try {
      await recordRecusal(kase.id, { userId: v.userId, reason: v.reason.trim() });
      form.resetFields();
      recusals.reload();
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <Card title={t('petitions.panel.title')} size="small" data-testid="petition-panel">
      {(route ?? refusal) && (
        <Descriptions size="small" column={1} bordered>
          {route && <Descriptions.Item label={t('petitions.panel.route')}>{`${text(route.route)} → ${text(route.routedTo)}`}<div className="fz-muted">{text(route.notice)}</div></Descriptions.Item>}
          {refusal && <Descriptions.Item label={t('petitions.doc.routing_notice')}>{`${text(refusal.ground)}：${text(refusal.reason)}`}</Descriptions.Item>}
        </Descriptions>
      )}
      <Divider titlePlacement="start" plain>{t('petitions.panel.documents')}</Divider>
      <Space wrap>
        {petitionDocumentKinds.map((kind) => (
          <Tooltip key={kind} title={available(kind, kase) ? undefined : t('petitions.panel.notAvailable')}>
            <Button icon={<FileWordOutlined />} disabled={!available(kind, kase)} loading={busy === kind} onClick={() => void download(kind)} data-testid={`petition-doc-${kind}`}>
              {t(titles[kind])}
            </Button>
          </Tooltip>
        ))}
      </Space>
      {kase.status === 'accepted' && can('petition.handle') && (
        <>
          <Divider titlePlacement="start" plain>{t('petitions.mediation.title')}</Divider>
          <MediationReferral kase={kase} onDone={() => onChanged?.()} />
        </>
      )}
      <Divider titlePlacement="start" plain>{t('petitions.repeats.title')}</Divider>
      <RepeatsList items={repeats.data?.items ?? []} />
      <Divider titlePlacement="start" plain>{t('petitions.recusal.title')}</Divider>
      <List size="small" dataSource={recusals.data?.items ?? []} locale={{ emptyText: t('petitions.recusal.none') }}
        renderItem={(r) => <List.Item key={r.userId}><Typography.Text strong>{r.displayName}</Typography.Text>：{r.reason}</List.Item>} />
      {handlers.data && (
        <Form form={form} layout="inline" onFinish={(v) => void recuse(v)} style={{ marginTop: 8 }}>
          <Form.Item name="userId" rules={[{ required: true, message: t('petitions.recusal.user') }]}>
            <Select style={{ minWidth: 140 }} placeholder={t('petitions.recusal.user')} options={handlers.data.items.map((u) => ({ value: u.userId, label: u.displayName }))} />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('petitions.recusal.reasonRequired') }]}>
            <Input placeholder={t('petitions.recusal.reason')} maxLength={1000} />
          </Form.Item>
          <Button htmlType="submit">{t('petitions.recusal.add')}</Button>
        </Form>
      )}
    </Card>
  );
};
