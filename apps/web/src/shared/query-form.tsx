import { useState, type ReactNode } from 'react';
import { Button, Col, Form, Row, Space, type FormInstance } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { useT } from '../i18n/locale-context.tsx';

type Props<T> = {
  /** Prefixes the field ids, so they never clash with a form in an open drawer. */
  name: string;
  form: FormInstance<T>;
  /** Form.Items; beyond `visible` they hide behind 展开. */
  fields: ReactNode[];
  visible?: number;
  onSearch: (values: T) => void;
  onReset: () => void;
};

/** The query form above a list: one row, 查询 / 重置, and 展开 for the rest (STYLE.md, Screens). */
export const QueryForm = <T extends object>({ name, form, fields, visible = 2, onSearch, onReset }: Props<T>) => {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? fields : fields.slice(0, visible);
  return (
    <Form<T> name={name} form={form} layout="vertical" onFinish={onSearch} className="fz-query-form">
      <Row gutter={16} align="bottom">
        {shown.map((field, i) => (
          <Col key={i} xs={24} sm={12} lg={8} xl={6}>
            {field}
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8} xl={6} style={{ marginLeft: 'auto' }}>
          <Form.Item label=" " colon={false} className="fz-query-form__buttons">
            <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }}>
              <Button type="primary" htmlType="submit">{t('common.search')}</Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  onReset();
                }}
              >
                {t('common.reset')}
              </Button>
              {fields.length > visible && (
                <Button type="link" onClick={() => setExpanded(!expanded)} style={{ paddingInline: 4 }}>
                  {expanded ? t('common.collapse') : t('common.expand')} {expanded ? <UpOutlined /> : <DownOutlined />}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
};
