import { App, Fn, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { apiTagLimits, checkTags, TagRules } from '../../src/private/tags';
import * as validation from '../../src/private/validation';

const RULES: TagRules = {
  resourceType: 'AWS::Test::Thing',
  limits: {
    maxItems: 3,
    key: { type: 'string', minLength: 1, maxLength: 8, pattern: '^[a-z]+$', patternSource: '[a-z]+', fullMatch: true },
    value: { type: 'string', minLength: 0, maxLength: 8, pattern: '^[a-z]*$', patternSource: '[a-z]*', fullMatch: true },
    describe: 'lower-case letters',
  },
};

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'Thing');
}

/** Checks the tags prop `tags` (as the construct is made); the tags after the aspects are the same. */
function checkProp(tags: { [key: string]: string } | undefined, rules: TagRules = RULES): void {
  checkTags(scope(), 'tags', tags, rules, () => tags);
}

/** The validation errors of `c` with `finalTags` as its tags after the aspects, and `propTags` as the tags prop. */
function atSynth(propTags: { [key: string]: string } | undefined, finalTags: { [key: string]: string }): string[] {
  const c = scope();
  checkTags(c, 'tags', propTags, RULES, () => finalTags);
  return c.node.validate();
}

describe('checkTags: the tags prop, at construction', () => {
  test('accepts valid tags, token values and no tags', () => {
    expect(() => checkProp({ team: 'data', env: Fn.importValue('Env') })).not.toThrow();
    expect(() => checkProp(undefined)).not.toThrow();
  });
  test.each<[{ [key: string]: string }, string]>([
    [{ team: 'Ab Cd' }, 'tags["team"] "Ab Cd" must be lower-case letters'],
    [{ Team: 'data' }, 'tags key "Team" must be lower-case letters'],
    [{ team: 'abcdefghi' }, 'tags["team"] "abcdefghi" must be at most 8 characters long (0-8) (got 9)'],
    [{ 'aws:team': 'data' }, 'tags key "aws:team" must be lower-case letters'],
  ])('rejects %j, naming the type\'s rule and the tags prop', (tags, start) => {
    expect(() => checkProp(tags))
      .toThrow(`Stack/Thing: ${start}, the rule for tags of AWS::Test::Thing. The tag comes from the tags prop: change it there`);
  });
  test('rejects too many tags, saying they come from the tags prop', () => {
    expect(() => checkProp({ a: 'a', b: 'b', c: 'c', d: 'd' }))
      .toThrow('Stack/Thing: tags ["a","b","c","d"] must have at most 3 tags (got 4), the rule for tags of AWS::Test::Thing. The tags come from the tags prop: remove some there');
  });
  test('rejects the reserved aws: prefix where the pattern allows it', () => {
    const open: TagRules = { ...RULES, limits: { ...RULES.limits, key: { type: 'string' } } };
    expect(() => checkProp({ 'aws:team': 'data' }, open)).toThrow(/tags key "aws:team" must not start with "aws:" \(reserved for AWS\), the rule for tags of AWS::Test::Thing\. The tag comes from the tags prop/);
  });
});

describe('checkTags: the final tags, at synth', () => {
  test('accepts valid final tags and token values', () => {
    expect(atSynth({ team: 'data' }, { team: 'data', env: Fn.importValue('Env') })).toEqual([]);
  });
  test('rejects a tag that is not in the tags prop as one from Tags.of(), with the fix that keeps it off the resource type', () => {
    expect(atSynth({ team: 'data' }, { team: 'data', owner: 'Ab Cd' })).toEqual([
      'Stack/Thing: tags["owner"] "Ab Cd" must be lower-case letters, the rule for tags of AWS::Test::Thing. '
      + 'The tag comes from Tags.of(...), not from the tags prop: change it, or keep it off this resource type with '
      + 'Tags.of(scope).add(\'owner\', \'Ab Cd\', { excludeResourceTypes: [\'AWS::Test::Thing\'] })',
    ]);
  });
  test('rejects a tag whose key is in the tags prop with another value as one from Tags.of() (it overrode the prop)', () => {
    expect(atSynth({ team: 'data' }, { team: 'Data' })[0]).toMatch(/tags\["team"\] "Data" .* The tag comes from Tags\.of\(\.\.\.\), not from the tags prop/);
  });
  test('checks each tag once: the prop\'s at construction, only the tags added since at synth', () => {
    const checked = jest.spyOn(validation, 'checkString');
    try {
      const c = scope();
      checkTags(c, 'tags', { team: 'data' }, RULES, () => ({ team: 'data', owner: 'ops' }));
      expect(checked.mock.calls.map(call => call[2])).toEqual(['team', 'data']);
      checked.mockClear();
      expect(c.node.validate()).toEqual([]);
      expect(checked.mock.calls.map(call => call[2])).toEqual(['owner', 'ops']);
    } finally {
      checked.mockRestore();
    }
  });
  test('counts the prop\'s tags with the added ones at synth', () => {
    expect(atSynth({ a: 'a', b: 'b' }, { a: 'a', b: 'b', c: 'c', d: 'd' })[0])
      .toMatch(/^Stack\/Thing: tags \["a","b","c","d"\] must have at most 3 tags \(got 4\), .* 2 of them come from Tags\.of\(\.\.\.\), not from the tags prop \("c", "d"\)/);
  });
  test('rejects with a fix that quotes keys and values as JavaScript, and uses placeholders for tokens and long values', () => {
    expect(atSynth(undefined, { ['it\'s']: 'x' })[0]).toContain('Tags.of(scope).add(\'it\\\'s\', \'x\', { excludeResourceTypes: [\'AWS::Test::Thing\'] })');
    expect(atSynth(undefined, { [Fn.importValue('Key')]: 'Ab Cd' })[0]).toContain('Tags.of(scope).add(key, \'Ab Cd\', {');
    expect(atSynth(undefined, { team: 'x'.repeat(61) })[0]).toContain('Tags.of(scope).add(\'team\', value, {');
  });
  test('rejects too many tags, naming the ones from Tags.of() (at most 10) and the fix', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${String.fromCharCode(97 + i)}`, 'v']));
    const limits: TagRules = { ...RULES, limits: { ...RULES.limits, maxItems: 11 } };
    const c = scope();
    checkTags(c, 'tags', { ka: 'v' }, limits, () => many);
    expect(c.node.validate()).toEqual([
      'Stack/Thing: tags ["ka","kb","kc","kd","ke","kf","kg","kh","ki","kj","kk","kl"] must have at most 11 tags (got 12), the rule for tags of AWS::Test::Thing. '
      + '11 of them come from Tags.of(...), not from the tags prop ("kb", "kc", "kd", "ke", "kf", "kg", "kh", "ki", "kj", "kk" and 1 more): '
      + 'remove some, or keep them off this resource type with Tags.of(scope).add(key, value, { excludeResourceTypes: [\'AWS::Test::Thing\'] })',
    ]);
  });
});

test('apiTagLimits reads the list and its Key/Value members from the API model', () => {
  const limits = apiTagLimits('iam:CreateOpenIDConnectProvider', 'Tags');
  expect(limits.maxItems).toBe(50);
  expect(limits.key.maxLength).toBe(128);
  expect(limits.value.maxLength).toBe(256);
});
