/**
 * Stands in for each recipient's own unsubscribe link until send time. Approval hashes are
 * computed over renderings that contain this address; `personalise` swaps in the real link per
 * recipient. `.invalid` is reserved (RFC 2606), so the placeholder can never reach a real host.
 */
export const UNSUBSCRIBE_PLACEHOLDER = 'https://unsubscribe.helder.invalid/placeholder';
