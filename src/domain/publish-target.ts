/** The places outside the Helder server that receive a copy of every good build (docs/deploy.md). */
export const PUBLISH_TARGET_KINDS = ['s3', 'command'] as const;
export type PublishTargetKind = (typeof PUBLISH_TARGET_KINDS)[number];

/** Why a copy to a publish target failed, in a word the admin turns into a sentence of its own. */
export const COPY_FAILURES = ['store_unreachable', 'store_refused', 'command_failed', 'command_timeout', 'command_not_started', 'interrupted', 'unknown'] as const;
export type CopyFailureReason = (typeof COPY_FAILURES)[number];
