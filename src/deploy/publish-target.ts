import type { CopyFailureReason, PublishTargetKind } from '../store/publish-target-repository.ts';

/** A finished build on disk: what every target copies. */
export interface LiveBuild {
  buildId: string;
  /** The build's own folder (builds/<id>), not the `current` link, which may move on during a copy. */
  dir: string;
}

/** What one copy did; the command hook cannot tell, so it reports zeros. */
export interface CopyResult {
  uploaded: number;
  unchanged: number;
  deleted: number;
}

/**
 * A place outside this server that receives every good build (docs/deploy.md). `copy` makes the
 * place hold exactly the build, or throws a CopyFailure whose detail an operator can act on; it stops
 * early when `signal` aborts (a newer build replaces this one, or the server stops).
 */
export interface PublishTarget {
  kind: PublishTargetKind;
  copy(build: LiveBuild, signal: AbortSignal): Promise<CopyResult>;
}

/** A failed copy: why (the admin words it), the command's exit code, and the technical detail. */
export class CopyFailure extends Error {
  readonly reason: CopyFailureReason;
  readonly exitCode: number | null;

  constructor(reason: CopyFailureReason, detail: string, options: { exitCode?: number | null; cause?: unknown } = {}) {
    super(detail, { cause: options.cause });
    this.name = 'CopyFailure';
    this.reason = reason;
    this.exitCode = options.exitCode ?? null;
  }
}
