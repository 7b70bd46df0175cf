/**
 * A post's text as the wall shows it: without the event's question tag (`#ask`), which is how a
 * post became a question, not something the hall needs to read.
 */
export function withoutQuestionTag(text: string, questionTag: string): string {
  const tag = questionTag.replace(/^#/, '').trim();
  if (!tag) return text;
  const escaped = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The tag as a whole word only: #ask goes, #askme and #task stay.
  const pattern = new RegExp(`(^|\\s)#${escaped}(?![\\p{L}\\p{N}_])`, 'giu');
  const stripped = text
    .replace(pattern, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +\n/g, '\n')
    .trim();
  return stripped || text;
}
