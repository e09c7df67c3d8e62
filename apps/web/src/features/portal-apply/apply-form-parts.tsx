import type { ReactNode } from 'react';
import { Alert, Button, Checkbox, Form } from 'antd';

/**
 * The consent a portal form asks for last (a required tick: the form is not sent without it),
 * with the sentence the module words and the message when it is missing.
 */
export const ConsentItem = ({ label, required, name = 'consent' }: { label: ReactNode; required: string; name?: string }) => (
  <Form.Item name={name} valuePropName="checked" rules={[{ validator: async (_, v: boolean | undefined) => { if (!v) throw new Error(required); } }]}>
    <Checkbox className="fz-apply__consent">{label}</Checkbox>
  </Form.Item>
);

/** The end of every portal form: what went wrong, if anything, and the big send button kept at the bottom of a phone's screen. */
export const SubmitBar = ({ failure, submitting, disabled, label, testId }: { failure: string | null; submitting: boolean; disabled?: boolean; label: string; testId?: string }) => (
  <>
    {failure && <Alert type="error" showIcon title={failure} className="fz-apply__alert" />}
    <div className="fz-apply__bar">
      <Button type="primary" htmlType="submit" size="large" block loading={submitting} disabled={disabled} data-testid={testId}>{label}</Button>
    </div>
  </>
);
