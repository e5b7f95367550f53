import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * Properties every preset (`gitHubActions`, `gitLab`, `terraformCloud`) shares with `OidcProviderProps`.
 */
export interface OidcProviderPresetProps {
  /**
   * Thumbprints of the CA certificates of the issuer. The presets' issuers use CAs that IAM trusts, so none are needed.
   *
   * @default - IAM retrieves the thumbprint itself
   */
  readonly thumbprints?: string[];

  /**
   * What happens to the provider when it is removed from the stack or the stack is deleted.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Tags for the provider.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of the GitHub Actions preset.
 */
export interface GitHubActionsOidcProviderProps extends OidcProviderPresetProps {
  /**
   * The issuer URL. Set it for GitHub Enterprise Cloud with a unique issuer
   * (`https://token.actions.githubusercontent.com/<enterprise>`) or GitHub Enterprise Server
   * (`https://<host>/_services/token`).
   *
   * @default 'https://token.actions.githubusercontent.com'
   */
  readonly url?: string;

  /**
   * The client IDs (audiences).
   *
   * @default ['sts.amazonaws.com'] (the audience of aws-actions/configure-aws-credentials)
   */
  readonly clientIds?: string[];
}

/**
 * Properties of the GitLab preset.
 */
export interface GitLabOidcProviderProps extends OidcProviderPresetProps {
  /**
   * The GitLab instance URL, e.g. `https://gitlab.example.com` for a self-managed instance.
   *
   * @default 'https://gitlab.com'
   */
  readonly url?: string;

  /**
   * The client IDs (audiences), as configured in the job's `id_tokens: ...: aud:`.
   *
   * @default - the instance URL
   */
  readonly clientIds?: string[];
}

/**
 * Properties of the HCP Terraform preset.
 */
export interface TerraformCloudOidcProviderProps extends OidcProviderPresetProps {
  /**
   * The HCP Terraform (or Terraform Enterprise) URL.
   *
   * @default 'https://app.terraform.io'
   */
  readonly url?: string;

  /**
   * The client IDs (audiences), as set in `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`.
   *
   * @default ['aws.workload.identity']
   */
  readonly clientIds?: string[];
}
