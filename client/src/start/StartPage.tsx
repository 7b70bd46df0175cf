import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { LIMITS } from '../../../shared/limits.ts';
import { normalizeCode } from '../lib/sessions.ts';
import '../styles/start.css';

const CODE_PATTERN = /^[A-Za-z0-9-]+$/;

export function StartPage() {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = normalizeCode(code);
    if (
      value.length < LIMITS.joinCode.min ||
      value.length > LIMITS.joinCode.max ||
      !CODE_PATTERN.test(value)
    ) {
      setError(
        `A code is ${LIMITS.joinCode.min} to ${LIMITS.joinCode.max} letters, digits or dashes.`,
      );
      return;
    }
    navigate(`/e/${encodeURIComponent(value)}`);
  }

  return (
    <main className="start">
      <div className="start-card">
        <p className="brand" aria-hidden="true">
          Backchannel
        </p>
        <h1>Join the conversation</h1>
        <p className="muted">
          Enter the code shown on the big screen to post to the wall and ask the speaker questions.
        </p>
        <form onSubmit={submit} data-testid="join-form" noValidate>
          <label htmlFor="join-code">Event code</label>
          <div className="start-row">
            <input
              id="join-code"
              data-testid="join-code"
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setError(null);
              }}
              autoCapitalize="characters"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              inputMode="text"
              maxLength={LIMITS.joinCode.max}
              placeholder="e.g. DEVCONF"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'join-code-error' : undefined}
              autoFocus
            />
            <button type="submit" className="primary" data-testid="join-submit">
              Join
            </button>
          </div>
          {error && (
            <p id="join-code-error" className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </div>
    </main>
  );
}
