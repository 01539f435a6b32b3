/**
 * Text that wraps only between words: each word is an inline block, so a line never breaks inside
 * "go/no-go" (Chromium breaks after hyphens and slashes); a word wider than the line still wraps
 * inside itself (overflow-wrap in .words), so nothing is cut. The text content stays the same.
 */
export function Words({ text }: { text: string }) {
  return (
    <span className="words">
      {text.split(/(\s+)/).map((part, index) => (index % 2 === 1 || part === '' ? part : <span key={index}>{part}</span>))}
    </span>
  );
}
