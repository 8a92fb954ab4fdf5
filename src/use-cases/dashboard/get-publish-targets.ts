import { createPublishTargetRepository, type PublishTargetKind, type PublishTargetRun } from '../../store/publish-target-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export interface PublishTargetState {
  kind: PublishTargetKind;
  /** Where the copies go, as the operator configured it: "s3://bucket/prefix/"; null for the command (it may hold secrets). */
  location: string | null;
  /** The newest attempt: running, succeeded, failed (with the next attempt) or replaced by a newer build. */
  latest: PublishTargetRun | null;
  lastSuccess: PublishTargetRun | null;
  /** The target does not hold the build the local site serves. */
  behind: boolean;
}

/** The configured publish targets (HELDER_S3_*, HELDER_PUBLISH_COMMAND) and how their copies went, for the dashboard. */
export function getPublishTargets(ctx: UseCaseContext, caller: Caller): PublishTargetState[] {
  authorise(caller, 'dashboard.view');
  const repo = createPublishTargetRepository(ctx.db);
  const configured = ctx.config.publishTargets;
  const live = ctx.publisher.status().currentBuildId;
  const state = (kind: PublishTargetKind, location: string | null): PublishTargetState => {
    const lastSuccess = repo.latestSuccess(kind);
    return { kind, location, latest: repo.latest(kind), lastSuccess, behind: live !== null && lastSuccess?.buildId !== live };
  };
  return [
    ...(configured.s3 ? [state('s3', `s3://${configured.s3.bucket}/${configured.s3.prefix}`)] : []),
    ...(configured.command ? [state('command', null)] : []),
  ];
}
