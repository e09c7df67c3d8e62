import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FONT } from './gb9704.ts';

/**
 * What the standard's fonts are rendered with where they are not installed (a Linux server
 * has no 仿宋_GB2312): the Noto CJK families of Debian's fonts-noto-cjk, Song-like (serif)
 * for 仿宋 and 宋体, bold serif for 小标宋, sans for 黑体, and 楷体 from fonts-arphic-ukai when
 * present. Word users see the real fonts; this only decides what LibreOffice draws here.
 */
const substitutes: [family: string, to: string[], bold?: boolean][] = [
  [FONT.body, ['FangSong', 'Noto Serif CJK SC']],
  [FONT.pageNumber, ['SimSun', 'Noto Serif CJK SC']],
  [FONT.title, ['Noto Serif CJK SC'], true],
  [FONT.heading1, ['SimHei', 'Noto Sans CJK SC']],
  [FONT.heading2, ['KaiTi', 'AR PL UKai CN', 'Noto Serif CJK SC']],
];

export const fontconfigFile = (): string => {
  const rules = substitutes.map(([family, to, bold]) => `  <match target="pattern">
    <test name="family"><string>${family}</string></test>
    <edit name="family" mode="prepend" binding="strong">${to.map((f) => `<string>${f}</string>`).join('')}</edit>${bold ? '\n    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : ''}
  </match>`).join('\n');
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${rules}\n</fontconfig>\n`;
};

/**
 * Converts documents to PDF with LibreOffice (`soffice --headless`), all in one run (each
 * start costs seconds). A private profile directory lets conversions run side by side.
 * Returns the PDF paths, in the order of the inputs.
 */
export const convertToPdf = async (files: readonly string[], outDir: string, timeoutMs = 180_000): Promise<string[]> => {
  await mkdir(outDir, { recursive: true });
  const fontsConf = path.join(outDir, 'fonts.conf');
  await writeFile(fontsConf, fontconfigFile());
  const profile = pathToFileURL(path.join(outDir, '.lo-profile')).href;
  const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', outDir, ...files];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('soffice', args, { env: { ...process.env, FONTCONFIG_FILE: fontsConf }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`soffice timed out after ${timeoutMs} ms`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`soffice exited with ${String(code)}: ${err.slice(-500)}`));
    });
  });
  return files.map((f) => path.join(outDir, `${path.basename(f).replace(/\.[^.]+$/, '')}.pdf`));
};
