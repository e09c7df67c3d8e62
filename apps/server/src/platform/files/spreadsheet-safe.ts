/**
 * Formula injection (OWASP, "CSV Injection"): text a spreadsheet program could take for a
 * formula — beginning with = + - @, a tab or a carriage return — is written with a leading
 * apostrophe, so a party named "=HYPERLINK(…)" stays text when a clerk opens or re-saves the
 * export. Every spreadsheet export writes its text cells through `safeCell`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const safeCell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** Reading back a cell an export neutralised: the apostrophe goes, the text is as it was. */
export const unsafeCellText = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);
