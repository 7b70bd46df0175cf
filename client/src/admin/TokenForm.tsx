import { useState, type FormEvent } from 'react';

/** Asks for the admin token when the page was opened without one, or the server refused it. */
export function TokenForm({
  problem,
  onToken,
}: {
  problem: string | null;
  onToken: (token: string) => void;
}) {
  const [value, setValue] = useState('');
  const [empty, setEmpty] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const token = value.trim();
    if (!token) {
      setEmpty(true);
      return;
    }
    onToken(token);
  }

  const message = empty ? 'Paste the admin token first.' : problem;
  return (
    <main className="admin-gate">
      <div className="admin-gate-card">
        <p className="admin-brand" aria-hidden="true">
          Backchannel
        </p>
        <h1>Organiser</h1>
        <p className="muted">
          Create events and hand out their links. Open the <strong>Admin page</strong> link that{' '}
          <code>npm start</code> prints (it ends in <code>#token=…</code>), or paste the admin
          token.
        </p>
        {problem && !empty && (
          <p className="banner error" role="alert" data-testid="admin-token-problem">
            {problem}
          </p>
        )}
        <form onSubmit={submit} className="stack" noValidate data-testid="admin-token-form">
          <label className="field">
            <span>Admin token</span>
            <input
              type="password"
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setEmpty(false);
              }}
              autoComplete="off"
              spellCheck={false}
              placeholder="bca_…"
              aria-invalid={message ? true : undefined}
              aria-describedby="admin-token-hint"
              data-testid="admin-token"
              autoFocus
            />
          </label>
          {empty && (
            <p className="field-error" role="alert">
              {message}
            </p>
          )}
          <p id="admin-token-hint" className="hint">
            It is printed at start and kept in <code>DATA_DIR/admin-token</code> (or set with{' '}
            <code>ADMIN_TOKEN</code>). It stays in this tab only.
          </p>
          <button type="submit" className="primary" data-testid="admin-token-submit">
            Open the admin page
          </button>
        </form>
      </div>
    </main>
  );
}
