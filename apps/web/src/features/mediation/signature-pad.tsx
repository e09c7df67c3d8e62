import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { Button } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';

/** The server takes a PNG data URL up to 300,000 characters. */
const maxDataUrl = 300_000;

type Props = {
  /** A PNG data URL after each stroke, or null when cleared. */
  onChange: (dataUrl: string | null) => void;
  height?: number;
};

/** Exports the strokes, scaled down if the picture would be too large to send. */
const exportPng = (canvas: HTMLCanvasElement): string => {
  let url = canvas.toDataURL('image/png');
  let scale = 0.75;
  while (url.length > maxDataUrl && scale > 0.2) {
    const small = document.createElement('canvas');
    small.width = Math.round(canvas.width * scale);
    small.height = Math.round(canvas.height * scale);
    small.getContext('2d')?.drawImage(canvas, 0, 0, small.width, small.height);
    url = small.toDataURL('image/png');
    scale -= 0.15;
  }
  return url;
};

/**
 * 手写签名: a canvas driven by pointer events (finger, stylus or mouse). The drawing surface
 * follows the device pixel ratio (at most 2) so strokes stay sharp without a huge picture.
 */
export const SignaturePad = ({ onChange, height = 200 }: Props) => {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  /** Sizes the drawing surface to the laid-out canvas (a drawer may still be opening at mount). */
  const fit = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const { width } = canvas.getBoundingClientRect();
    if (width === 0 || canvas.width === Math.round(width * ratio)) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.6;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
    ctx.fillStyle = '#111';
  }, [height]);

  useEffect(fit, [fit]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    if (empty) fit();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = point(e);
    drawing.current = p;
    const ctx = e.currentTarget.getContext('2d');
    ctx?.beginPath();
    ctx?.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
    ctx?.fill();
  };
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const last = drawing.current;
    if (!last) return;
    const ctx = e.currentTarget.getContext('2d');
    const p = point(e);
    ctx?.beginPath();
    ctx?.moveTo(last.x, last.y);
    ctx?.lineTo(p.x, p.y);
    ctx?.stroke();
    drawing.current = p;
  };
  const onUp = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = null;
    setEmpty(false);
    changeRef.current(exportPng(e.currentTarget));
  };
  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    setEmpty(true);
    changeRef.current(null);
  };

  return (
    <div className="fz-med-sign">
      <canvas
        ref={canvasRef}
        data-testid="signature-pad"
        className="fz-med-sign__canvas"
        style={{ height }}
        aria-label={t('mediation.sign.padLabel')}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      />
      {empty && <div className="fz-med-sign__hint">{t('mediation.sign.padHint')}</div>}
      <Button className="fz-med-sign__clear" icon={<ClearOutlined />} onClick={clear} disabled={empty}>
        {t('mediation.sign.clear')}
      </Button>
    </div>
  );
};
