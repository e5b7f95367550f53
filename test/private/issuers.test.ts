import { presetDefaults, profileOf } from '../../src/private/issuers';

describe('presetDefaults', () => {
  test.each<['gitHubActions' | 'gitLab' | 'terraformCloud', string, string]>([
    ['gitHubActions', 'https://token.actions.githubusercontent.com', 'sts.amazonaws.com'],
    ['gitLab', 'https://gitlab.com', 'https://gitlab.com'],
    ['terraformCloud', 'https://app.terraform.io', 'aws.workload.identity'],
  ])('%s: %s with audience %s', (preset, url, audience) => {
    expect(presetDefaults(preset)).toEqual({ url, audience });
  });

  test.each(['gitHubActions', 'gitLab', 'terraformCloud'] as const)('%s reads its issuer\'s profile (one home for the URL and audience)', (preset) => {
    const { url, audience } = presetDefaults(preset);
    const profile = profileOf(url.replace(/^https:\/\//, ''));
    expect(profile?.multiTenant).toBe(true);
    expect(profile?.defaultAudience).toBe(audience);
  });
});
