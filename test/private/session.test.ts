import { CONTEXT_SESSION_RULE, contextSessionFinding, MAX_CONTEXT_SESSION } from '../../src/private/session';

describe('contextSessionFinding', () => {
  test('one rule id, the IAM default as the limit', () => {
    expect(CONTEXT_SESSION_RULE).toBe('SetContextSessionDuration');
    expect(MAX_CONTEXT_SESSION).toBe(3600);
  });

  test.each([undefined, 900, 3600])('nothing to report for %s', (duration) => {
    expect(contextSessionFinding(duration, false)).toBeUndefined();
    expect(contextSessionFinding(duration, true)).toBeUndefined();
  });

  test('reports a session over 1 hour on a role that receives identity context', () => {
    expect(contextSessionFinding(7200, false)).toEqual({
      decided: true,
      what: 'The role receives identity context (sts:SetContext) and has MaxSessionDuration 7200 s (more than 3600 s).',
    });
  });

  test('cannot decide when the action is only known at deploy time', () => {
    expect(contextSessionFinding(7200, true)).toEqual({
      decided: false,
      what: 'Could not decide whether the role receives identity context (sts:SetContext) with MaxSessionDuration 7200 s (more than 3600 s): an action of its trust policy is only known at deploy time.',
    });
  });

  test.each<[boolean, string]>([[false, 'receives'], [true, 'may receive']])('cannot decide a duration only known at deploy time (action unknown: %s)', (actionUnknown, verb) => {
    expect(contextSessionFinding({ Ref: 'Duration' }, actionUnknown)).toEqual({
      decided: false,
      what: `Could not decide whether MaxSessionDuration is over 3600 s for a role that ${verb} identity context (sts:SetContext): it is only known at deploy time.`,
    });
  });
});
