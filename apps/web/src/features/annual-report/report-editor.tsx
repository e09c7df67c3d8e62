import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Input, Select, Space, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AnnualReportView, ReportBlock, ReportContent, ReportFinding, ReportSection } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { saveReport } from './annual-report-api.ts';
import { useReport } from './report-context.tsx';
import { BlockFindings } from './report-text.tsx';

type Cursor = { section: number; block: number; start: number; end: number };

/** A block being edited: `uid` keeps its text area as blocks move; `origin` is its place in the saved text, where the checks' findings point. */
type EditBlock = ReportBlock & { uid: number; origin: number | null };
type EditContent = Omit<ReportContent, 'sections'> & { sections: (Omit<ReportSection, 'blocks'> & { blocks: EditBlock[] })[] };

let nextUid = 0;
const editable = (content: ReportContent): EditContent => ({
  ...content,
  sections: content.sections.map((s) => ({ ...s, blocks: s.blocks.map((b, i) => ({ ...b, uid: nextUid++, origin: i })) })),
});

const withBlocks = (content: EditContent, section: number, change: (blocks: EditBlock[]) => EditBlock[]): EditContent => ({
  ...content,
  sections: content.sections.map((s, i) => (i === section ? { ...s, blocks: change([...s.blocks]) } : s)),
});

/** The text to save; an empty paragraph prints as a blank line, so it is dropped. */
const toContent = (content: EditContent): ReportContent => ({
  ...content,
  sections: content.sections.map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.text.trim() !== '').map(({ kind, text }) => ({ kind, text })) })),
});

/**
 * 编辑 the report's text: each block a text area with its figure fields as `{{code}}`, blocks
 * added, moved and removed, a figure inserted at the cursor, saved as a new version over the
 * one it was made on (PUT /api/annual-reports/:id/content); a newer version on the server
 * (409 REPORT_VERSION_STALE) is said so, with a reload.
 */
export const ReportEditor = ({ report, onDone }: { report: AnnualReportView; onDone: () => void }) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const { catalogue, setReport, reload } = useReport();
  const [draft, setDraft] = useState<EditContent>(() => editable(report.content));
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cursor = useRef<Cursor | null>(null);
  const areas = useRef(new Map<number, HTMLTextAreaElement>());
  // What the checks found in the saved text, shown under the block it was found in while that block is edited.
  const foundAt = (sectionKey: string, origin: number | null): ReportFinding[] =>
    origin === null ? [] : report.findings.filter((f) => f.sectionKey === sectionKey && f.block === origin);
  const stale = error instanceof ApiError && error.code === 'REPORT_VERSION_STALE';

  // What can be inserted: the registry's figures the caller may read, and those the text already uses.
  const options = useMemo(() => {
    const listed = (catalogue ?? []).map((m) => ({ value: m.code, label: `${label(m.label)}（${m.code}）` }));
    const used = report.figures.filter((f) => !listed.some((o) => o.value === f.code)).map((f) => ({ value: f.code, label: `${f.label}（${f.code}）` }));
    return [...listed, ...used];
  }, [catalogue, report.figures, label]);

  const remember = (section: number, block: number) => (e: { currentTarget: HTMLTextAreaElement }) => {
    cursor.current = { section, block, start: e.currentTarget.selectionStart, end: e.currentTarget.selectionEnd };
  };

  const insert = (code: string) => {
    const at = cursor.current;
    const block = at ? draft.sections[at.section]?.blocks[at.block] : undefined;
    if (!at || !block) {
      void message.warning(t('annualReport.edit.pickBlock'));
      return;
    }
    const token = `{{${code}}}`;
    const text = block.text.slice(0, at.start) + token + block.text.slice(at.end);
    setDraft((d) => withBlocks(d, at.section, (blocks) => blocks.map((b, i) => (i === at.block ? { ...b, text } : b))));
    const caret = at.start + token.length;
    cursor.current = { ...at, start: caret, end: caret };
    // Back to the paragraph, the caret after the field, once the new text is drawn.
    window.requestAnimationFrame(() => {
      const area = areas.current.get(block.uid);
      area?.focus();
      area?.setSelectionRange(caret, caret);
    });
    void message.success(t('annualReport.edit.inserted', { label: options.find((o) => o.value === code)?.label ?? code }));
  };

  const setBlock = (section: number, block: number, next: Partial<ReportBlock>) =>
    setDraft((d) => withBlocks(d, section, (blocks) => blocks.map((b, i) => (i === block ? { ...b, ...next } : b))));
  const addBlock = (section: number, at: number, kind: ReportBlock['kind']) => {
    cursor.current = null;
    setDraft((d) => withBlocks(d, section, (blocks) => { blocks.splice(at, 0, { kind, text: '', uid: nextUid++, origin: null }); return blocks; }));
  };
  const removeBlock = (section: number, block: number) => {
    cursor.current = null;
    setDraft((d) => withBlocks(d, section, (blocks) => blocks.filter((_, i) => i !== block)));
  };
  const moveBlock = (section: number, block: number, by: -1 | 1) => {
    cursor.current = null;
    setDraft((d) => withBlocks(d, section, (blocks) => {
      const [moved] = blocks.splice(block, 1);
      if (moved) blocks.splice(block + by, 0, moved);
      return blocks;
    }));
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const trimmed = note.trim();
      const next = await saveReport(report.id, { baseVersion: report.version, content: toContent(draft), ...(trimmed ? { note: trimmed } : {}) });
      setReport(next);
      void message.success(t('annualReport.edit.saved', { n: next.version }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="fz-report-editor" data-testid="report-editor">
      <div className="fz-report-editor__bar">
        <Space wrap>
          <Select<string> showSearch={{ optionFilterProp: 'label' }} value={null} placeholder={t('annualReport.edit.insertFigure')} options={options} onChange={insert}
            style={{ width: 250 }} data-testid="report-insert-figure" popupMatchSelectWidth={420} />
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t('annualReport.edit.note')} style={{ width: 190 }} />
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="report-save">{t('annualReport.edit.save')}</Button>
          <Button onClick={onDone} disabled={saving}>{t('annualReport.edit.cancel')}</Button>
        </Space>
        <Typography.Text type="secondary" className="fz-report-editor__help">{t('annualReport.edit.insertHelp')}；{t('annualReport.edit.tokenHelp')}</Typography.Text>
      </div>
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorToString(t, error)} data-testid="report-save-error"
          action={stale ? <Button size="small" onClick={() => { onDone(); reload(); }}>{t('annualReport.edit.stale')}</Button> : undefined} />
      ) : null}
      <label className="fz-report-editor__label">{t('annualReport.edit.title')}</label>
      <Input value={draft.title} maxLength={200} onChange={(e) => setDraft((d) => ({ ...d, title: e.target.value }))} className="fz-report-editor__title" />
      {draft.sections.map((s, si) => (
        <section key={s.key} className="fz-report-editor__section">
          {/* The opening paragraphs (preface) stand under the title, without a heading of their own. */}
          {s.key !== 'preface' && (
            <>
              <label className="fz-report-editor__label">{t('annualReport.edit.sectionHeading')}</label>
              <Input value={s.heading} maxLength={200} onChange={(e) => setDraft((d) => ({ ...d, sections: d.sections.map((x, i) => (i === si ? { ...x, heading: e.target.value } : x)) }))}
                className="fz-report-editor__heading" />
              <BlockFindings findings={foundAt(s.key, -1)} />
            </>
          )}
          {s.blocks.map((b, bi) => (
            <div key={b.uid} className="fz-report-editor__block">
              <div className="fz-report-editor__tools">
                <Select<ReportBlock['kind']> size="small" value={b.kind} onChange={(kind) => setBlock(si, bi, { kind })} style={{ width: 96 }}
                  options={[{ value: 'paragraph', label: t('annualReport.edit.kind.paragraph') }, { value: 'heading', label: t('annualReport.edit.kind.heading') }]} />
                <Space size={0}>
                  <Tooltip title={t('annualReport.edit.moveUp')}><Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={bi === 0} onClick={() => moveBlock(si, bi, -1)} aria-label={t('annualReport.edit.moveUp')} /></Tooltip>
                  <Tooltip title={t('annualReport.edit.moveDown')}><Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={bi === s.blocks.length - 1} onClick={() => moveBlock(si, bi, 1)} aria-label={t('annualReport.edit.moveDown')} /></Tooltip>
                  <Tooltip title={t('annualReport.edit.addParagraph')}><Button size="small" type="text" icon={<PlusOutlined />} onClick={() => addBlock(si, bi + 1, 'paragraph')} aria-label={t('annualReport.edit.addParagraph')} /></Tooltip>
                  <Tooltip title={t('annualReport.edit.remove')}><Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => removeBlock(si, bi)} aria-label={t('annualReport.edit.remove')} /></Tooltip>
                </Space>
              </div>
              <Input.TextArea
                ref={(el) => { const area = el?.resizableTextArea?.textArea; if (area) areas.current.set(b.uid, area); else areas.current.delete(b.uid); }}
                value={b.text} autoSize={{ minRows: b.kind === 'heading' ? 1 : 2, maxRows: 16 }} maxLength={20000}
                className={b.kind === 'heading' ? 'fz-report-editor__area fz-report-editor__area--heading' : 'fz-report-editor__area'}
                onChange={(e) => setBlock(si, bi, { text: e.target.value })}
                onSelect={remember(si, bi)} onClick={remember(si, bi)} onKeyUp={remember(si, bi)} onBlur={remember(si, bi)} />
              <BlockFindings findings={foundAt(s.key, b.origin)} />
            </div>
          ))}
          <Space className="fz-report-editor__add">
            <Button size="small" icon={<PlusOutlined />} onClick={() => addBlock(si, s.blocks.length, 'paragraph')}>{t('annualReport.edit.addParagraph')}</Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => addBlock(si, s.blocks.length, 'heading')}>{t('annualReport.edit.addHeading')}</Button>
          </Space>
        </section>
      ))}
    </div>
  );
};
