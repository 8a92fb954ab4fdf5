import { createHash } from 'node:crypto';
import {
  canonicalApprovalContent,
  type ApprovalContent,
  type ApprovalRendering,
} from '../../domain/approval-hash.ts';
import type { MessageDraft } from '../../domain/message-lifecycle.ts';
import { invalidInput, Refusal, type Problem } from '../../domain/index.ts';
import type { Language } from '../../domain/vocabulary.ts';
import type { UseCaseContext } from '../context.ts';
import { channelDestinationsOf } from '../channels/channel-content.ts';

export interface ComputedApproval {
  content: ApprovalContent;
  /** canonicalApprovalContent(content): stored at submit to explain a later mismatch. */
  canonical: string;
  /** SHA-256 (hex) of `canonical`: the value an approval binds to. */
  hash: string;
}

export function approvalHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Renders every language of the message and resolves its audience as of now, and hashes the
 * result. Submit stores this; approve computes it again and must get the same hash.
 */
export function computeApproval(
  ctx: Pick<UseCaseContext, 'db' | 'templates' | 'audience' | 'content'>,
  message: { id: string; draft: MessageDraft },
): ComputedApproval {
  const { draft } = message;
  const supported = ctx.templates.languages(draft.template_id);
  if (!supported.includes('nl')) {
    throw new Error(`template "${draft.template_id}" has no Dutch (nl) version; every message needs one`);
  }
  const languages: Language[] = draft.values.en !== undefined && supported.includes('en') ? ['en', 'nl'] : ['nl'];
  const bound = boundValues(draft, ctx.templates.variableNames(draft.template_id));
  // Every language is tried, so one refusal names every value to fix, each under the language it was typed in.
  const problems: Problem[] = [];
  const renderings: ApprovalRendering[] = languages.flatMap((lang) => {
    const values = { ...draft.values.nl, ...(lang === 'en' ? draft.values.en : {}), ...bound };
    try {
      const rendered = ctx.templates.render(draft.template_id, lang, stripNulls(values), { drill: draft.drill });
      return [{ lang, templateId: rendered.templateId, templateVersion: rendered.templateVersion, subject: rendered.subject, html: rendered.html, text: rendered.text, statusPageMarkdown: rendered.statusPageMarkdown }];
    } catch (error) {
      if (!Refusal.is(error) || error.code !== 'invalid_input') throw error;
      problems.push(...error.problems.map((problem) => typedIn(problem, draft)));
      return [];
    }
  });
  if (problems.length > 0) {
    const unique = new Map(problems.map((problem) => [`${problem.field} ${problem.code}`, problem]));
    throw invalidInput([...unique.values()]);
  }
  const content: ApprovalContent = {
    messageId: message.id,
    subject: draft.subject,
    drill: draft.drill,
    update: {
      status: draft.status,
      components: draft.components,
      nextUpdateAt: draft.next_update_at?.toISOString() ?? null,
    },
    renderings,
    audience: [...ctx.audience.resolve(ctx.db, draft.subject)],
    channels: channelDestinationsOf(ctx, draft).map(({ id, kind, name }) => ({ id, kind, name })),
  };
  const canonical = canonicalApprovalContent(content);
  return { content, canonical, hash: approvalHash(canonical) };
}

/**
 * Values the message's own fields decide, so the mail can never promise another next update or
 * state another status than the status-page update it goes with. Only for variables the template
 * declares; null means "leave it out".
 */
function boundValues(draft: MessageDraft, declared: readonly string[]): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  if (declared.includes('next_update_at')) bound.next_update_at = draft.next_update_at?.toISOString() ?? null;
  if (declared.includes('incident_status') && draft.subject.kind === 'incident') bound.incident_status = draft.status;
  return bound;
}

/** A problem of the English rendering whose value came from the Dutch one belongs to the Dutch field. */
function typedIn(problem: Problem, draft: MessageDraft): Problem {
  const variable = /^values\.en\.([a-z][a-z0-9_]*)/.exec(problem.field)?.[1];
  if (variable && draft.values.en?.[variable] === undefined) return { ...problem, field: problem.field.replace(/^values\.en\./, 'values.nl.') };
  return problem;
}

function stripNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined));
}
