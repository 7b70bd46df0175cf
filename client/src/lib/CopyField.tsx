import { useRef, useState } from 'react';

/**
 * A read-only link with Copy and Open (no Open for a value that is no link, such as a key). The
 * clipboard API needs a secure context, so fall back to selecting the text.
 */
export function CopyField({
  label,
  value,
  testId,
  link = true,
}: {
  label: string;
  value: string;
  testId?: string;
  link?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    } catch {
      input.current?.select();
    }
  }

  return (
    <div className="copy-field">
      <label>
        <span className="copy-label">{label}</span>
        <input
          ref={input}
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
          data-testid={testId}
        />
      </label>
      <div className="copy-actions">
        <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        {link && (
          <a href={value} target="_blank" rel="noopener noreferrer" className="button-link">
            Open
          </a>
        )}
      </div>
    </div>
  );
}
