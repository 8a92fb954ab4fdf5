/**
 * http://127.0.0.1:4321 and the like: an address only this machine reaches. A demo's public
 * address is one (the running instance); mail that leaves the machine must never carry it.
 */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname));
  } catch {
    return false;
  }
}
