/**
 * The address sign-in throttling counts. Behind a reverse proxy (HELDER_TRUST_PROXY=true) every
 * request comes from the proxy, so the client is the right-most X-Forwarded-For entry: the one
 * our proxy appended. Entries left of it are whatever the client chose to send.
 */
export function clientAddressOf(
  connection: { remoteAddress: string | undefined; forwardedFor: string | null | undefined },
  trustProxy: boolean,
): string {
  if (trustProxy && connection.forwardedFor) {
    const entries = connection.forwardedFor.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    const last = entries.at(-1);
    if (last) return last;
  }
  return connection.remoteAddress ?? 'unknown';
}
