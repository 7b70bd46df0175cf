import { addressProblem } from '../../../../shared/public-address.ts';
import { useMutation } from '../../lib/useMutation.ts';
import { setAddressNotice } from '../../lib/moderation-api.ts';
import type { PublicAddress } from '../../lib/types.ts';
import { useConsole } from '../common/console-context.tsx';

/**
 * Says when the public address every link and QR code is built from will not work for phones
 * (loopback) or is not where this console was opened, and what to do. `compact` is the line
 * under the console's header, shown until the screens' notice is hidden; the Links tab shows it
 * in full, always, with the way to show the screens' notice again.
 */
export function AddressNotice({
  address,
  compact = false,
}: {
  address: PublicAddress;
  compact?: boolean;
}) {
  const { eventId, token } = useConsole();
  const { busy, error, run } = useMutation();
  const problem = addressProblem(address.url, window.location.origin);
  if (!problem || (compact && address.noticeDismissed)) return null;

  const toggle = () => run(() => setAddressNotice(eventId, !address.noticeDismissed, token));

  const fix = address.lanUrl
    ? `Phones on this network can probably reach ${address.lanUrl}: restart the server with PUBLIC_URL=${address.lanUrl}.`
    : 'Restart the server with PUBLIC_URL set to the address phones reach.';
  return (
    <div
      className={`address-notice${compact ? ' compact' : ''}`}
      data-testid={compact ? 'console-address-notice' : 'links-address-notice'}
      data-problem={problem}
      role="status"
    >
      <p>
        <strong>
          {problem === 'loopback'
            ? `Phones cannot open the join link or QR code: ${address.url} is this computer's own address.`
            : `Links and QR codes use ${address.url}, not ${window.location.origin} where this console is open.`}
        </strong>{' '}
        {problem === 'loopback' ? fix : 'Check that phones can open it, or set PUBLIC_URL.'}
      </p>
      <p className="address-notice-screens">
        {address.noticeDismissed
          ? 'The big screens no longer show this notice.'
          : 'The big screens show this notice until you hide it.'}{' '}
        <button
          type="button"
          data-testid="address-notice-toggle"
          disabled={busy}
          onClick={() => void toggle()}
        >
          {address.noticeDismissed ? 'Show it on the screens' : 'Hide it on the screens'}
        </button>
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
