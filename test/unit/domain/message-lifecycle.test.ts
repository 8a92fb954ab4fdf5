import { describe, expect, it } from 'vitest';
import {
  ApproveNotAllowedError,
  CancelNotAllowedError,
  decideMessageTransition,
  EditNotAllowedError,
  EditorApprovalError,
  isFinalState,
  isNextUpdateOverdue,
  MESSAGE_ACTIONS,
  MESSAGE_STATES,
  MessageDraftSchema,
  MessageLifecycleError,
  nextMessageState,
  PublishNotAllowedError,
  RejectionReasonRequiredError,
  RejectNotAllowedError,
  ReturnToDraftNotAllowedError,
  RoleRequiredError,
  SelfApprovalError,
  SubmitNotAllowedError,
  VoidNotAllowedError,
  type MessageAction,
  type MessageActor,
  type MessageFacts,
  type MessageState,
} from '../../../src/domain/message-lifecycle.ts';
import { problemsFromZod } from '../../../src/domain/problems.ts';
import { problemText, refusalText } from '../../../src/i18n/refusals.ts';

/** Each zod issue as the admin reads it: field, problem code and the English text. */
const read = (error: Parameters<typeof problemsFromZod>[0] | undefined) =>
  error ? problemsFromZod(error).map((problem) => `${problem.field} [${problem.code}]: ${problemText(problem, 'en')}`) : [];

type Expected = MessageState | (new (...args: never[]) => Error);

/**
 * The whole table, written out by hand (not derived from MESSAGE_TRANSITIONS), so a change to the
 * lifecycle has to be made twice on purpose.
 */
const EXPECTED: Record<MessageState, Record<MessageAction, Expected>> = {
  draft: {
    edit: 'draft',
    submit: 'submitted',
    return_to_draft: ReturnToDraftNotAllowedError,
    approve: ApproveNotAllowedError,
    reject: RejectNotAllowedError,
    void: VoidNotAllowedError,
    cancel: 'cancelled',
    publish: PublishNotAllowedError,
  },
  submitted: {
    edit: EditNotAllowedError,
    submit: SubmitNotAllowedError,
    return_to_draft: 'draft',
    approve: 'approved',
    reject: 'rejected',
    void: 'draft',
    cancel: 'cancelled',
    publish: PublishNotAllowedError,
  },
  approved: {
    edit: EditNotAllowedError,
    submit: SubmitNotAllowedError,
    return_to_draft: ReturnToDraftNotAllowedError,
    approve: ApproveNotAllowedError,
    reject: RejectNotAllowedError,
    void: VoidNotAllowedError,
    cancel: CancelNotAllowedError,
    publish: 'published',
  },
  published: {
    edit: EditNotAllowedError,
    submit: SubmitNotAllowedError,
    return_to_draft: ReturnToDraftNotAllowedError,
    approve: ApproveNotAllowedError,
    reject: RejectNotAllowedError,
    void: VoidNotAllowedError,
    cancel: CancelNotAllowedError,
    publish: PublishNotAllowedError,
  },
  rejected: {
    edit: EditNotAllowedError,
    submit: SubmitNotAllowedError,
    return_to_draft: 'draft',
    approve: ApproveNotAllowedError,
    reject: RejectNotAllowedError,
    void: VoidNotAllowedError,
    cancel: 'cancelled',
    publish: PublishNotAllowedError,
  },
  cancelled: {
    edit: EditNotAllowedError,
    submit: SubmitNotAllowedError,
    return_to_draft: ReturnToDraftNotAllowedError,
    approve: ApproveNotAllowedError,
    reject: RejectNotAllowedError,
    void: VoidNotAllowedError,
    cancel: CancelNotAllowedError,
    publish: PublishNotAllowedError,
  },
};

const anouk: MessageActor = { userId: 1, name: 'Anouk de Vries (opsteller)', roles: ['composer'] };
const bram: MessageActor = { userId: 2, name: 'Bram Jansen (goedkeurder)', roles: ['approver'] };
const cor: MessageActor = { userId: 3, name: 'Cor Bakker (opsteller en goedkeurder)', roles: ['composer', 'approver'] };
const beheerder: MessageActor = { userId: 4, name: 'Dewi Pinas (beheerder)', roles: ['admin'] };
/** Holds every role, so only the table and the move's own rules decide. */
const everyRole: MessageActor = { userId: 9, name: 'Eva Smit', roles: ['composer', 'approver', 'admin'] };

const messageIn = (state: MessageState, overrides: Partial<MessageFacts> = {}): MessageFacts => ({
  state,
  authorId: anouk.userId,
  contributorIds: [anouk.userId],
  ...overrides,
});

describe('the message transition table', () => {
  it('covers every state and every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...MESSAGE_STATES].sort());
    for (const state of MESSAGE_STATES) expect(Object.keys(EXPECTED[state]).sort()).toEqual([...MESSAGE_ACTIONS].sort());
  });

  for (const state of MESSAGE_STATES) {
    for (const action of MESSAGE_ACTIONS) {
      const expected = EXPECTED[state][action];
      if (typeof expected === 'string') {
        it(`${action} on a ${state} message leads to ${expected}`, () => {
          expect(nextMessageState(state, action)).toBe(expected);
          expect(decideMessageTransition(messageIn(state), action, everyRole, { reason: 'Toon de tijd in Nederlandse tijd.' })).toBe(expected);
        });
      } else {
        it(`${action} on a ${state} message is refused with ${expected.name}`, () => {
          expect(() => nextMessageState(state, action)).toThrow(expected);
          expect(() => decideMessageTransition(messageIn(state), action, everyRole, { reason: 'Een reden.' })).toThrow(expected);
        });
      }
    }
  }

  it('ends a message only in published or cancelled', () => {
    expect(MESSAGE_STATES.filter(isFinalState)).toEqual(['published', 'cancelled']);
  });

  it('gives every illegal move a stable code with a Dutch and English text', () => {
    for (const state of MESSAGE_STATES) {
      for (const action of MESSAGE_ACTIONS) {
        try {
          nextMessageState(state, action);
        } catch (error) {
          expect(error).toBeInstanceOf(MessageLifecycleError);
          const refusal = error as MessageLifecycleError;
          expect(refusal.code, `${state} ${action}`).toBe('transition_not_allowed');
          expect(refusal.params).toEqual({ action, state });
          expect(refusalText(refusal, 'nl').length, `${state} ${action}`).toBeGreaterThan(10);
          expect(refusalText(refusal, 'en').length, `${state} ${action}`).toBeGreaterThan(10);
          expect(refusalText(refusal, 'nl')).not.toBe(refusalText(refusal, 'en'));
        }
      }
    }
  });

  it('explains an edit outside draft in words that say how to fix it', () => {
    const refusalFor = (state: MessageState, action: MessageAction) => {
      try {
        nextMessageState(state, action);
      } catch (error) {
        return error as MessageLifecycleError;
      }
      throw new Error(`${action} on ${state} was allowed`);
    };
    const edit = refusalFor('submitted', 'edit');
    expect(edit).toBeInstanceOf(EditNotAllowedError);
    expect([refusalText(edit, 'nl'), refusalText(edit, 'en')]).toMatchInlineSnapshot(`
      [
        "Dit bericht kan niet meer worden gewijzigd. Zet het eerst terug naar concept.",
        "This message can no longer be edited. Return it to draft first.",
      ]
    `);
    const cancel = refusalFor('approved', 'cancel');
    expect(cancel).toBeInstanceOf(CancelNotAllowedError);
    expect([refusalText(cancel, 'nl'), refusalText(cancel, 'en')]).toMatchInlineSnapshot(`
      [
        "Dit bericht kan niet meer worden geannuleerd. Pauzeer of stop de verzending op de verzendpagina.",
        "This message can no longer be cancelled. Pause or stop the send on the delivery page.",
      ]
    `);
  });
});

describe('who may do what', () => {
  it('lets a composer write, submit and cancel, but not approve or reject', () => {
    expect(decideMessageTransition(messageIn('draft'), 'edit', anouk)).toBe('draft');
    expect(decideMessageTransition(messageIn('draft'), 'submit', anouk)).toBe('submitted');
    expect(() => decideMessageTransition(messageIn('submitted', { authorId: 7, contributorIds: [7] }), 'approve', anouk)).toThrow(RoleRequiredError);
    expect(() => decideMessageTransition(messageIn('submitted'), 'reject', anouk, { reason: 'Klopt niet.' })).toThrow(RoleRequiredError);
  });

  it('lets an approver approve or reject, but not write', () => {
    expect(decideMessageTransition(messageIn('submitted'), 'approve', bram)).toBe('approved');
    expect(decideMessageTransition(messageIn('submitted'), 'reject', bram, { reason: 'Noem de getroffen gemeenten.' })).toBe('rejected');
    expect(() => decideMessageTransition(messageIn('draft'), 'edit', bram)).toThrow(RoleRequiredError);
    expect(() => decideMessageTransition(messageIn('draft'), 'submit', bram)).toThrow(RoleRequiredError);
  });

  it('gives an admin no say over messages beyond retrying publication', () => {
    for (const action of ['edit', 'submit', 'approve', 'reject', 'cancel', 'return_to_draft'] as const) {
      expect(() => decideMessageTransition(messageIn('submitted', { authorId: 7, contributorIds: [7] }), action, beheerder, { reason: 'Een reden.' })).toThrow(RoleRequiredError);
    }
    expect(decideMessageTransition(messageIn('approved'), 'publish', beheerder)).toBe('published');
  });

  it('checks the role before the state, so an outsider learns nothing about the message', () => {
    expect(() => decideMessageTransition(messageIn('cancelled'), 'approve', anouk)).toThrow(RoleRequiredError);
  });
});

describe('four-eyes approval', () => {
  it('refuses the author, even when they also hold the approver role', () => {
    const byCor = messageIn('submitted', { authorId: cor.userId, contributorIds: [cor.userId] });
    expect(() => decideMessageTransition(byCor, 'approve', cor)).toThrow(SelfApprovalError);
  });

  it('refuses anyone who edited or submitted the content', () => {
    const editedByCor = messageIn('submitted', { contributorIds: [anouk.userId, cor.userId] });
    expect(() => decideMessageTransition(editedByCor, 'approve', cor)).toThrow(EditorApprovalError);
  });

  it('accepts a colleague who did not touch it', () => {
    const editedByCor = messageIn('submitted', { contributorIds: [anouk.userId, cor.userId] });
    expect(decideMessageTransition(editedByCor, 'approve', bram)).toBe('approved');
  });

  it('lets the author reject or take back their own submission: that never lets anything out', () => {
    const byCor = messageIn('submitted', { authorId: cor.userId, contributorIds: [cor.userId] });
    expect(decideMessageTransition(byCor, 'reject', cor, { reason: 'Verkeerde gemeente.' })).toBe('rejected');
    expect(decideMessageTransition(byCor, 'return_to_draft', cor)).toBe('draft');
  });
});

describe('rejection', () => {
  it.each([undefined, '', '   ', 'nee'])('needs a reason the author can act on (%j is refused)', (reason) => {
    expect(() => decideMessageTransition(messageIn('submitted'), 'reject', bram, reason === undefined ? {} : { reason })).toThrow(
      RejectionReasonRequiredError,
    );
  });
});

describe('the message draft', () => {
  const incidentDraft = {
    subject: { kind: 'incident', id: '2026-11-27-registra-brp-landelijke-storing' },
    template_id: 'update',
    values: { nl: { update_text: 'Het certificaat is vervangen.' }, en: { update_text: 'The certificate has been replaced.' } },
    status: 'identified',
    components: { 'registra-brp': 'major_outage' },
    next_update_at: '2026-11-27T10:30:00+01:00',
  };

  it('accepts an incident update with a promised next update, stored as UTC', () => {
    const draft = MessageDraftSchema.parse(incidentDraft);
    expect(draft.next_update_at?.toISOString()).toBe('2026-11-27T09:30:00.000Z');
    expect(draft.drill).toBe(false);
  });

  it('names each wrong field', () => {
    const result = MessageDraftSchema.safeParse({
      ...incidentDraft,
      subject: { kind: 'maintenance', id: 'registra-upgrade-2026-12' },
      status: 'resolved',
      next_update_at: '2026-11-27T10:30:00Z',
    });
    expect(result.success).toBe(false);
    expect(read(result.error)).toMatchInlineSnapshot(`
      [
        "status [not_one_of]: Choose one of: scheduled, in_progress, verifying or completed.",
        "components [no_products_for_maintenance]: Maintenance updates do not set product statuses. Leave this empty.",
        "next_update_at [no_next_update_for_status]: This status promises no next update. Leave this empty.",
      ]
    `);
  });

  it('takes values per language, English optional, variable names in snake_case', () => {
    expect(MessageDraftSchema.parse({ ...incidentDraft, values: { nl: { update_text: 'Opgelost.' } } }).values).toEqual({ nl: { update_text: 'Opgelost.' } });
    const wrong = MessageDraftSchema.safeParse({ ...incidentDraft, values: { nl: { 'Update Text': 'x' }, de: {} } });
    expect(read(wrong.error)).toMatchInlineSnapshot(`
      [
        "values.nl.Update Text [not_a_variable_name]: This is not a field name of the template: those are lower-case words joined by underscores, for example "update_text".",
        "values [unknown_fields]: Unknown fields: de. Check the spelling.",
      ]
    `);
  });

  it('promises nothing once resolved', () => {
    expect(MessageDraftSchema.safeParse({ ...incidentDraft, status: 'resolved', next_update_at: undefined }).success).toBe(true);
  });
});

describe('overdue next updates', () => {
  const promised = new Date('2026-11-27T09:30:00Z');
  it('is overdue only after the promised time, and never without a promise', () => {
    expect(isNextUpdateOverdue(promised, new Date('2026-11-27T09:30:00Z'))).toBe(false);
    expect(isNextUpdateOverdue(promised, new Date('2026-11-27T09:30:01Z'))).toBe(true);
    expect(isNextUpdateOverdue(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
