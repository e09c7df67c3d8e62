import { useEffect } from 'react';
import { Alert, Card, Checkbox, DatePicker, Form, Input, Segmented, Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { QueryForm } from '../../shared/query-form.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useCan } from '../auth/session-context.tsx';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import {
  apiQuery, filterSearch, formFromParams, pagingFromParams, paramsFromForm, statusKinds, statusKindValue, type CaseFilterForm,
} from './case-filters.ts';
import { CaseTable } from './case-table.tsx';
import { fetchCases, useCaseTypes } from './cases-api.ts';
import { nothingToDoText, NothingToDoNotice, useModuleAvailability } from './module-availability.tsx';
import { SavedViewsBar } from './saved-views-bar.tsx';
import './cases.css';

const kindLabel: Record<(typeof statusKinds)[number], MessageKey> = {
  open: 'cases.query.statusKind.open', closed: 'cases.query.statusKind.closed', terminal: 'cases.query.statusKind.terminal',
};

/** The org filter needs the org tree, which only org.read holders may load. */
const OrgFilter = ({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) => {
  const orgs = useOrgList();
  const t = useLocale().t;
  return <OrgTreeSelect id={id} orgs={orgs.data?.items ?? []} loading={orgs.loading} value={value} onChange={onChange} allowClear placeholder={t('common.all')} />;
};

/** 事项查询: full-text search and filters over every case the caller may read; saved views. */
export const CasesPage = () => {
  const { t, label } = useLocale();
  const can = useCan();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<CaseFilterForm>();
  const query = apiQuery(params);
  const cases = useRemote(() => fetchCases(query), JSON.stringify(query));
  const types = useCaseTypes();
  const modules = useModuleAvailability();
  // The case types the caller may read, as the module availability already reckons them.
  const readable = modules.readable;
  const nothingReadable = !types.loading && readable.length === 0;
  const chosenType = Form.useWatch('type', form);
  const stateTypes = chosenType ? readable.filter((x) => x.code === chosenType) : readable.length === 1 ? readable : [];
  const search = params.toString();

  // The address bar is the source of truth: 返回, a saved view or a bookmark refill the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(formFromParams(new URLSearchParams(search)));
  }, [form, search]);

  const statusOptions = [
    ...statusKinds.map((k) => ({ value: statusKindValue(k), label: t(kindLabel[k]) })),
    ...stateTypes.flatMap((x) => x.states.map((s) => ({ value: s.key, label: label(s.label) }))),
  ];

  const fields = [
    <Form.Item key="q" name="q" label={t('cases.query.q')}>
      <Input allowClear maxLength={100} placeholder={t('cases.query.qPlaceholder')} />
    </Form.Item>,
    <Form.Item key="type" name="type" label={t('cases.query.type')}>
      <Select
        allowClear
        placeholder={t('common.all')}
        options={readable.map((x) => ({ value: x.code, label: label(x.label) }))}
        loading={types.loading}
        notFoundContent={<div className="fz-empty-reason fz-select-reason">{nothingToDoText(t, modules)}</div>}
      />
    </Form.Item>,
    <Form.Item key="status" name="status" label={t('cases.query.status')}>
      <Select allowClear placeholder={t('common.all')} options={statusOptions} />
    </Form.Item>,
    ...(can('org.read')
      ? [<Form.Item key="org" name="orgId" label={t('cases.query.org')}><OrgFilter /></Form.Item>]
      : []),
    <Form.Item key="due" name="due" label={t('cases.query.due')}>
      <Select allowClear placeholder={t('common.all')} options={[
        { value: 'soon', label: t('cases.query.dueSoon') },
        { value: 'overdue', label: t('cases.query.overdue') },
      ]} />
    </Form.Item>,
    <Form.Item key="received" name="received" label={t('cases.query.received')}>
      <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
    </Form.Item>,
    <Form.Item key="mine" name="mine" label={t('cases.query.mine')} valuePropName="checked">
      <Checkbox>{t('cases.query.mineOnly')}</Checkbox>
    </Form.Item>,
  ];

  const paging = pagingFromParams(params);
  const sent = params.get('sent') === '1';
  // 本单位 / 已转出: the caller's own cases, or those its offices passed on and still read (read-only).
  const scope = (
    <Segmented
      data-testid="cases-scope"
      value={sent ? 'sent' : 'own'}
      onChange={(v) => setParams(paramsFromForm({ ...formFromParams(params), sent: v === 'sent' }, { ...paging, page: 1 }))}
      options={[{ value: 'own', label: t('cases.scope.own') }, { value: 'sent', label: t('cases.scope.sent') }]}
    />
  );
  const views = <SavedViewsBar current={filterSearch(params)} onApply={(s) => setParams(new URLSearchParams(s))} />;
  return (
    <>
      <Card className="fz-query-card">
        <QueryForm<CaseFilterForm>
          name="case-query"
          form={form}
          fields={fields}
          visible={phone ? 1 : 3}
          onSearch={(values) => setParams(paramsFromForm({ ...values, sent }, { ...paging, page: 1 }))}
          onReset={() => setParams(new URLSearchParams())}
        />
      </Card>
      <Card
        title={<span className="fz-case-list-title">{t('menu.cases')}{scope}</span>}
        extra={!phone && views}
        className="fz-case-list-card"
      >
        {phone && <div className="fz-views-phone">{views}</div>}
        {nothingReadable && <NothingToDoNotice t={t} availability={modules} />}
        <LoadError error={cases.error} onRetry={cases.reload} />
        {sent && <Alert type="info" showIcon className="fz-case-capped" title={t('cases.scope.sentHint')} />}
        {cases.data?.capped && <Alert type="info" showIcon className="fz-case-capped" title={t('cases.capped')} />}
        <CaseTable
          data={cases.data}
          loading={cases.loading}
          types={types.data?.items}
          paging={paging}
          onPage={(next) => setParams(paramsFromForm(formFromParams(params), next))}
          emptyText={nothingReadable ? t('cases.emptyNoModule') : sent ? t('cases.scope.sentEmpty') : t('cases.empty')}
        />
      </Card>
    </>
  );
};
