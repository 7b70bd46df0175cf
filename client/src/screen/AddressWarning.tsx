import { addressProblem } from '../../../shared/public-address.ts';
import { displayUrl } from './useQrCode.ts';

/**
 * Told on the screen itself, for whoever sets up the projector: the join link will not work for
 * phones (a loopback address), or points elsewhere than where this screen was opened. It stays
 * until a moderator hides it from the console, and never appears when the address is sound.
 */
export function AddressWarning({ publicUrl }: { publicUrl: string }) {
  const problem = addressProblem(publicUrl, window.location.origin);
  if (!problem) return null;
  return (
    <aside className="screen-address-warning" data-testid="screen-address-warning" role="status">
      <strong>
        {problem === 'loopback'
          ? `Phones cannot open the join link: ${displayUrl(publicUrl)} is this computer's own address.`
          : `The join link and QR code point to ${displayUrl(publicUrl)}, not to ${displayUrl(window.location.origin)} where this screen was opened.`}
      </strong>{' '}
      {problem === 'loopback'
        ? 'Restart the server with PUBLIC_URL set to the address phones reach.'
        : 'Check that phones can open it.'}{' '}
      A moderator can hide this notice in the console.
    </aside>
  );
}
