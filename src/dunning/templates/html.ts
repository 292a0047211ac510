import type { Language } from '../../kernel/locale.ts';
import { escapeHtml } from './invoice-table.ts';

/**
 * The HTML part is generated from the rendered plain text, never rendered from a second template:
 * one text per level and language to write and review, and every character that came from a
 * variable is escaped here, once. Blank lines separate paragraphs, single newlines become <br>, and a
 * paragraph that is exactly `tableMark` becomes `tableHtml`.
 */
export function textToHtml(
  text: string,
  options: { readonly language: Language; readonly subject: string; tableMark: string; tableHtml: string },
): string {
  const blocks = text.split(/\n{2,}/).map((block) => {
    if (block === options.tableMark) return options.tableHtml;
    return `<p>${block.split('\n').map(escapeHtml).join('<br>\n')}</p>`;
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${options.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.subject)}</title>`,
    '</head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222">',
    ...blocks,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
