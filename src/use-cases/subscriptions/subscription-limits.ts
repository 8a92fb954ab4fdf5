/** The numbers of self-service subscription, in one place (the privacy page repeats them in words). */
export const SUBSCRIPTION_LIMITS = {
  /** Form posts per e-mail address per hour that still send a confirmation mail; more are answered the same but send nothing. */
  perAddressPerHour: 3,
  /** Form posts per client address per hour; a municipal office shares one address, so this is generous. */
  perClientPerHour: 30,
  /** How long the confirmation mail is retried before it expires, in minutes. */
  confirmationMailExpiryMinutes: 60,
  /** Rate-limit counters older than this are deleted. */
  attemptRetentionHours: 24,
} as const;
