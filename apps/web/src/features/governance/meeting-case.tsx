import { Card, Empty, Form, List, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseAction, CaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { caseLink } from '../cases/case-columns.tsx';
import { StatusTag } from '../cases/status-tag.tsx';
import { SchemaField } from '../cases/transition-drawer.tsx';
import { fetchMeetingAgenda, fetchOpenDecisions } from '../decisions/decisions-api.ts';

/** The bodies whose meetings decide major matters ("三重一大"; 地方组织法 第六条): their agenda may list decisions. */
const agendaBodies = ['镇党委会议', '镇政府常务会议', '党政联席会议'];

/**
 * 议题中的重大决策: the major decisions the meeting's agenda lists, each with its stage and a link
 * to its case page; the ones this meeting decided (their decide step names this record) marked.
 */
const AgendaPanel = ({ view }: CasePanelProps) => {
  const t = useT();
  const agenda = useRemote(() => fetchMeetingAgenda(view.id), `meeting-agenda:${view.id}:${view.version}`);
  if (!view.category || !agendaBodies.includes(view.category)) return null;
  const items = agenda.data?.items ?? [];
  return (
    <Card size="small" title={t('meetings.agenda.title')} data-testid="meeting-agenda" className="fz-case-card-block">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.agenda.empty')} /> : (
        <List dataSource={items} renderItem={(d) => (
          <List.Item key={d.id}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Link to={caseLink(d.id)} data-testid="agenda-decision">{d.ref} {d.title}</Link>
              <Space wrap size={4}>
                {d.category && <Typography.Text type="secondary">{d.category}</Typography.Text>}
                <StatusTag label={d.statusLabel} kind="open" />
                {d.decidedHere && <Tag color="green">{t('meetings.agenda.decidedHere')}</Tag>}
              </Space>
            </Space>
          </List.Item>
        )} />
      )}
    </Card>
  );
};

/** 记录会议召开情况: a deciding body's meeting lists the decisions on its agenda (chosen from the township's open decisions). */
const HoldFields = ({ action, view }: { action: CaseAction; view: CaseView }) => {
  const t = useT();
  const deciding = view.category !== null && agendaBodies.includes(view.category);
  const decisions = useRemote(async () => (deciding ? fetchOpenDecisions() : null), `open-decisions:${deciding}`);
  return (
    <>
      {(action.fields ?? []).filter((f) => f.key !== 'decisionIds').map((f) => <SchemaField key={f.key} field={f} />)}
      {deciding && (
        <Form.Item name="decisionIds" label={t('meetings.agenda.decisions')} extra={t('meetings.agenda.hint')}>
          <Select mode="multiple" allowClear showSearch optionFilterProp="label" loading={decisions.loading} data-testid="hold-decisions"
            options={(decisions.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.ref} ${d.title}` }))} />
        </Form.Item>
      )}
    </>
  );
};

/** A meeting record on the one case page: its agenda's decisions; the hold step's agenda chooser. */
export const meetingCase: CaseExtension = {
  main: [AgendaPanel],
  stepFields: (action, view) => (action.key === 'hold' ? <HoldFields action={action} view={view} /> : undefined),
};
