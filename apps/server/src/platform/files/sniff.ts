import { fileTypeFromFile } from 'file-type';

export type FileKind = { contentType: string; ext: string; exts: readonly string[] };

const kind = (contentType: string, exts: readonly string[]): FileKind => ({ contentType, ext: exts[0] ?? '', exts });

/**
 * What a case may carry, by what the bytes are (file-type reads the magic numbers), never
 * by the name or the Content-Type the browser sent. Keyed by file-type's MIME type.
 */
const bySniffedType: Record<string, FileKind> = {
  'application/pdf': kind('application/pdf', ['pdf']),
  'image/jpeg': kind('image/jpeg', ['jpg', 'jpeg']),
  'image/png': kind('image/png', ['png']),
  'image/webp': kind('image/webp', ['webp']),
  // Photos taken on iPhones.
  'image/heic': kind('image/heic', ['heic', 'heif']),
  'image/heif': kind('image/heif', ['heif', 'heic']),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': kind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['docx']),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': kind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['xlsx']),
  // Recordings of mediation sessions: recorders (MP3), phones (M4A, AMR).
  'audio/mpeg': kind('audio/mpeg', ['mp3']),
  'audio/x-m4a': kind('audio/x-m4a', ['m4a']),
  'audio/amr': kind('audio/amr', ['amr']),
  // Phones' audio-only recordings are often plain MP4 containers named .m4a.
  'video/mp4': kind('video/mp4', ['mp4', 'm4a']),
};

/**
 * Old Office files are OLE compound files, the same container as Windows installers (.msi):
 * the bytes cannot tell Word from Excel from an installer, so the name decides among the two
 * allowed, and anything else in that container is refused.
 */
const oleByExt: Record<string, FileKind> = {
  doc: kind('application/msword', ['doc']),
  xls: kind('application/vnd.ms-excel', ['xls']),
};

const textKind = kind('text/plain; charset=utf-8', ['txt']);

export const extensionOf = (fileName: string): string => /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** Extensions a file picker may offer (`accept`): informative only, the bytes decide. */
export const acceptedExtensions: readonly string[] = [...new Set([...Object.values(bySniffedType), ...Object.values(oleByExt), textKind].flatMap((k) => k.exts))];

export type Sniffed = { ok: true; kind: FileKind } | { ok: false; detected: string | null };

/**
 * Decides what a staged file is. Files without magic bytes are accepted only as plain text:
 * named .txt and valid UTF-8 without NUL bytes. An .exe renamed .pdf is an exe.
 */
export const sniffFile = async (filePath: string, fileName: string, utf8Text: boolean): Promise<Sniffed> => {
  const found = await fileTypeFromFile(filePath);
  const ext = extensionOf(fileName);
  if (!found) return ext === 'txt' && utf8Text ? { ok: true, kind: textKind } : { ok: false, detected: null };
  if (found.mime === 'application/x-cfb') {
    const ole = oleByExt[ext];
    return ole ? { ok: true, kind: ole } : { ok: false, detected: 'cfb' };
  }
  const k = bySniffedType[found.mime];
  return k ? { ok: true, kind: k } : { ok: false, detected: found.ext };
};
