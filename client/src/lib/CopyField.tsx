import { useRef, useState } from 'react';

/** A read-only link with Copy and Open. The clipboard API needs a secure context, so fall back to selecting the text. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
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
        <input ref={input} readOnly value={value} onFocus={(e) => e.target.select()} data-testid={testId} />
      </label>
      <div className="copy-actions">
        <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <a href={value} target="_blank" rel="noopener noreferrer" className="button-link">
          Open
        </a>
      </div>
    </div>
  );
}
