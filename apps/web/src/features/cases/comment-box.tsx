import { useState } from 'react';
import { App, Button, Card, Input } from 'antd';
import type { CaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { useSaving } from '../../shared/use-saving.ts';
import { addComment } from './cases-api.ts';

/** 添加备注: a staff-only note on the timeline (what was said on the phone, a visit). */
export const CommentBox = ({ view, onChanged }: { view: CaseView; onChanged: (next: CaseView) => void }) => {
  const t = useT();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const { saving, save } = useSaving();
  if (!view.actions.some((a) => a.kind === 'comment')) return null;

  const submit = () => {
    const value = text.trim();
    if (!value) return;
    void save(async () => {
      const next = await addComment(view.id, { text: value });
      setText('');
      void message.success(t('case.comment.done'));
      onChanged(next);
    });
  };

  return (
    <Card size="small" className="fz-case-card-block fz-comment-box">
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('case.comment.placeholder')}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
      />
      <div className="fz-comment-box__bar">
        <Button type="primary" ghost loading={saving} disabled={!text.trim()} onClick={submit}>{t('case.comment.submit')}</Button>
      </div>
    </Card>
  );
};
