import { useRef } from 'react';
import { Button } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';

/** A photo from the phone's camera (or its gallery): a large button, and the picture shown once taken. */
export const PhotoPicker = ({ photo, onPick, testId }: { photo: { url: string } | null; onPick: (file: File) => void; testId: string }) => {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div>
      <Button size="large" icon={<CameraOutlined />} onClick={() => input.current?.click()}>{t(photo ? 'grid.report.photoAgain' : 'grid.report.photoTake')}</Button>
      <input ref={input} type="file" accept="image/*" capture="environment" style={{ display: 'none' }} data-testid={testId}
        onChange={(e) => { const f = e.target.files?.[0]; if (f) onPick(f); e.target.value = ''; }} />
      {photo && <img src={photo.url} alt={t('grid.report.photo')} className="fz-grid-photo" />}
    </div>
  );
};
