import { Token } from 'aws-cdk-lib';
import { GITHUB_ID_DELIMITER } from '../private/issuers';
import { requireString, requireStruct } from '../private/required';
import { fail } from '../private/validation';

/**
 * The immutable IDs of a GitHub repository and of its owner (user or organization), for GitHub's immutable subject
 * claims. Give both or neither: both build the immutable form `repo:OWNER@OWNER-ID/REPO@REPO-ID:...`, neither the
 * name-based form `repo:OWNER/REPO:...`.
 *
 * Find them with `gh api repos/OWNER/REPO --jq '.owner.id, .id'` (the first line is the owner ID, the second the
 * repository ID), or in the `repository_owner_id` and `repository_id` claims of a token of the repository.
 *
 * (Both are optional so that Python and other jsii languages, which get them as keyword arguments of the
 * `GitHubActionsSubject` factories, can leave them out.)
 */
export interface GitHubRepositoryIds {
  /**
   * The numeric ID of the repository owner, as a decimal string (e.g. `'123456'`).
   *
   * It is `.owner.id` of `gh api repos/OWNER/REPO`, and the `repository_owner_id` claim of the repository's tokens.
   * Required with `repositoryId`.
   *
   * @default - none: without both IDs the name-based subject is built
   */
  readonly ownerId?: string;

  /**
   * The numeric ID of the repository, as a decimal string (e.g. `'456789'`).
   *
   * It is `.id` of `gh api repos/OWNER/REPO`, and the `repository_id` claim of the repository's tokens. Required with
   * `ownerId`.
   *
   * @default - none: without both IDs the name-based subject is built
   */
  readonly repositoryId?: string;
}

/**
 * Builds `sub` claims of GitHub Actions tokens (GitHub's default subject format, without a custom template).
 *
 * GitHub has two default formats. Repositories created on github.com after July 15, 2026, repositories renamed or
 * transferred after that date, and repositories whose owner opted in to immutable subject claims send the immutable
 * form, `repo:OWNER@OWNER-ID/REPO@REPO-ID:...`; the others (and GitHub Enterprise Server) send the name-based form,
 * `repo:OWNER/REPO:...`. Pass the repository's `GitHubRepositoryIds` as the last argument to build the immutable form;
 * without it the name-based form is built. A role whose subject has the other form than the tokens can never be
 * assumed (STS answers `AccessDenied`). To accept both during a migration, trust both subjects.
 *
 * Source: GitHub Docs, "OpenID Connect reference", "Immutable subject claims":
 * https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims
 */
export class GitHubActionsSubject {
  /**
   * Workflows running on a branch: `repo:OWNER/REPO:ref:refs/heads/BRANCH`, or with `ids`
   * `repo:OWNER@OWNER-ID/REPO@REPO-ID:ref:refs/heads/BRANCH`.
   *
   * @param owner the repository owner (user or organization), e.g. `my-org`
   * @param repo the repository name, e.g. `my-app`
   * @param branch the branch name without `refs/heads/`, e.g. `main` (wildcards allowed)
   * @param ids the owner and repository IDs, for repositories that send immutable subjects. Default: none, the
   * name-based subject is built
   */
  public static branch(owner: string, repo: string, branch: string, ids?: GitHubRepositoryIds): string {
    return `${repoOf(owner, repo, ids)}:ref:refs/heads/${refName('branch', branch, 'refs/heads/', 'main')}`;
  }

  /**
   * Workflows running for a tag: `repo:OWNER/REPO:ref:refs/tags/TAG`, or with `ids`
   * `repo:OWNER@OWNER-ID/REPO@REPO-ID:ref:refs/tags/TAG`.
   *
   * @param owner the repository owner (user or organization), e.g. `my-org`
   * @param repo the repository name, e.g. `my-app`
   * @param tag the tag name without `refs/tags/`, e.g. `v1.2.0` or `v1.*`
   * @param ids the owner and repository IDs, for repositories that send immutable subjects. Default: none, the
   * name-based subject is built
   */
  public static tag(owner: string, repo: string, tag: string, ids?: GitHubRepositoryIds): string {
    return `${repoOf(owner, repo, ids)}:ref:refs/tags/${refName('tag', tag, 'refs/tags/', 'v1.0.0')}`;
  }

  /**
   * Jobs that reference a deployment environment: `repo:OWNER/REPO:environment:NAME`, or with `ids`
   * `repo:OWNER@OWNER-ID/REPO@REPO-ID:environment:NAME`.
   *
   * @param owner the repository owner (user or organization), e.g. `my-org`
   * @param repo the repository name, e.g. `my-app`
   * @param environment the environment name, e.g. `production`
   * @param ids the owner and repository IDs, for repositories that send immutable subjects. Default: none, the
   * name-based subject is built
   */
  public static environment(owner: string, repo: string, environment: string, ids?: GitHubRepositoryIds): string {
    return `${repoOf(owner, repo, ids)}:environment:${part('GitHubActionsSubject', 'environment', environment)}`;
  }

  /**
   * Workflows triggered by a pull request: `repo:OWNER/REPO:pull_request`, or with `ids`
   * `repo:OWNER@OWNER-ID/REPO@REPO-ID:pull_request`.
   *
   * @param owner the repository owner (user or organization), e.g. `my-org`
   * @param repo the repository name, e.g. `my-app`
   * @param ids the owner and repository IDs, for repositories that send immutable subjects. Default: none, the
   * name-based subject is built
   */
  public static pullRequest(owner: string, repo: string, ids?: GitHubRepositoryIds): string {
    return `${repoOf(owner, repo, ids)}:pull_request`;
  }

  /**
   * Any workflow of the repository: `repo:OWNER/REPO:*`, or with `ids` `repo:OWNER@OWNER-ID/REPO@REPO-ID:*`.
   *
   * @param owner the repository owner (user or organization), e.g. `my-org`
   * @param repo the repository name, e.g. `my-app`
   * @param ids the owner and repository IDs, for repositories that send immutable subjects. Default: none, the
   * name-based subject is built
   */
  public static anyRef(owner: string, repo: string, ids?: GitHubRepositoryIds): string {
    return `${repoOf(owner, repo, ids)}:*`;
  }

  private constructor() {}
}

/**
 * Builds `sub` claims of GitLab CI/CD ID tokens.
 */
export class GitLabSubject {
  /** Jobs running on a branch: `project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH`. */
  public static branch(projectPath: string, branch: string): string {
    return `project_path:${part('GitLabSubject', 'projectPath', projectPath)}:ref_type:branch:ref:${part('GitLabSubject', 'branch', branch)}`;
  }

  /** Jobs running for a tag: `project_path:GROUP/PROJECT:ref_type:tag:ref:TAG`. */
  public static tag(projectPath: string, tag: string): string {
    return `project_path:${part('GitLabSubject', 'projectPath', projectPath)}:ref_type:tag:ref:${part('GitLabSubject', 'tag', tag)}`;
  }

  /** Any job of the project: `project_path:GROUP/PROJECT:*`. */
  public static anyRef(projectPath: string): string {
    return `project_path:${part('GitLabSubject', 'projectPath', projectPath)}:*`;
  }

  private constructor() {}
}

/**
 * Options for `TerraformCloudSubject.workspace()`.
 */
export interface TerraformCloudWorkspaceSubjectOptions {
  /** The HCP Terraform organization. */
  readonly organization: string;
  /**
   * The project.
   *
   * @default 'Default Project'
   */
  readonly project?: string;
  /** The workspace. */
  readonly workspace: string;
  /**
   * The run phase (`plan` or `apply`).
   *
   * @default '*' (both)
   */
  readonly runPhase?: string;
}

/**
 * Builds `sub` claims of HCP Terraform workload identity tokens.
 */
export class TerraformCloudSubject {
  /** `organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE`. */
  public static workspace(options: TerraformCloudWorkspaceSubjectOptions): string {
    requireStruct('TerraformCloudSubject.workspace', 'options', options, 'TerraformCloudWorkspaceSubjectOptions, an object with organization and workspace');
    requireString('TerraformCloudSubject.workspace', 'runPhase', options.runPhase, '"plan", "apply" or "*"', { optional: true });
    const phase = options.runPhase ?? '*';
    if (!Token.isUnresolved(phase) && !['plan', 'apply', '*'].includes(phase)) {
      fail('TerraformCloudSubject.workspace', 'runPhase', phase, 'must be "plan", "apply" or "*"');
    }
    return [
      `organization:${part('TerraformCloudSubject', 'organization', options.organization)}`,
      `project:${part('TerraformCloudSubject', 'project', options.project ?? 'Default Project')}`,
      `workspace:${part('TerraformCloudSubject', 'workspace', options.workspace)}`,
      `run_phase:${phase}`,
    ].join(':');
  }

  private constructor() {}
}

/**
 * `repo:OWNER/REPO`, or with `ids` GitHub's immutable form `repo:OWNER@OWNER-ID/REPO@REPO-ID`
 * (https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims: "The `@` separator is used
 * between names and IDs because `@` cannot appear in GitHub usernames or repository names").
 */
function repoOf(owner: string, repo: string, ids: GitHubRepositoryIds | undefined): string {
  const builder = 'GitHubActionsSubject';
  const ownerName = part(builder, 'owner', owner);
  const repoName = part(builder, 'repo', repo);
  requireStruct(builder, 'ids', ids, 'GitHubRepositoryIds, an object with ownerId and repositoryId, e.g. { ownerId: "123456", repositoryId: "456789" }', { optional: true });
  const ownerId = ids?.ownerId;
  const repositoryId = ids?.repositoryId;
  if (ownerId === undefined && repositoryId === undefined) return `repo:${ownerName}/${repoName}`;
  if (ownerId === undefined || repositoryId === undefined) {
    const [missing, given] = ownerId === undefined ? ['ownerId', 'repositoryId'] : ['repositoryId', 'ownerId'];
    fail(builder, missing, undefined, `is required with ${given}: GitHub's immutable subject carries both IDs, repo:OWNER@OWNER-ID/REPO@REPO-ID (gh api repos/OWNER/REPO --jq '.owner.id, .id')`);
  }
  for (const [name, value] of [['owner', ownerName], ['repo', repoName]]) {
    if (!Token.isUnresolved(value) && value.includes(GITHUB_ID_DELIMITER)) {
      fail(builder, name, value, `must be the ${SEGMENTS[name]} without "${GITHUB_ID_DELIMITER}ID" when ids are given: the IDs are appended from ids`);
    }
  }
  return `repo:${ownerName}${GITHUB_ID_DELIMITER}${githubId('ownerId', ownerId)}/${repoName}${GITHUB_ID_DELIMITER}${githubId('repositoryId', repositoryId)}`;
}

/** GitHub IDs are positive integers (REST API `id`: integer; tokens' `repository_owner_id`, `repository_id`), in decimal. */
function githubId(name: 'ownerId' | 'repositoryId', value: string): string {
  const what = name === 'ownerId' ? "the repository owner's numeric ID" : "the repository's numeric ID";
  const jq = name === 'ownerId' ? '.owner.id' : '.id';
  requireString('GitHubActionsSubject', name, value, `${what} (gh api repos/OWNER/REPO --jq '${jq}')`);
  if (!Token.isUnresolved(value) && !/^[1-9][0-9]*$/.test(value)) {
    fail('GitHubActionsSubject', name, value, `must be ${what}: a positive decimal integer without sign, leading zeros or wildcards, e.g. "123456" (gh api repos/OWNER/REPO --jq '${jq}')`);
  }
  return value;
}

/**
 * A branch or tag name as GitHub puts it after `refs/heads/` or `refs/tags/`: a full ref (`refs/heads/main`) would build
 * `ref:refs/heads/refs/heads/main`, which no token has.
 */
function refName(name: 'branch' | 'tag', value: string, refPrefix: string, example: string): string {
  part('GitHubActionsSubject', name, value);
  if (!Token.isUnresolved(value) && value.startsWith('refs/')) {
    const stripped = value.startsWith(refPrefix) && value.length > refPrefix.length ? value.slice(refPrefix.length) : example;
    fail('GitHubActionsSubject', name, value, `must be the ${SEGMENTS[name]} without ${refPrefix} (e.g. ${JSON.stringify(stripped)}): the subject adds ${refPrefix} itself`);
  }
  return value;
}

/**
 * A subject segment is a string and must not be empty; wildcards are allowed (StringLike) except where `principal()`
 * finds they match every tenant. Subject builders have no construct, so the message names the builder instead of a
 * construct path.
 */
function part(builder: string, name: string, value: string): string {
  requireString(builder, name, value, `the ${SEGMENTS[name] ?? name} part of the subject`);
  if (!Token.isUnresolved(value) && value.length === 0) fail(builder, name, value, 'must not be empty');
  return value;
}

/** What each subject segment is, for messages. */
const SEGMENTS: { [name: string]: string } = {
  owner: 'repository owner (user or organization)',
  repo: 'repository name',
  branch: 'branch name',
  tag: 'Git tag name',
  environment: 'deployment environment name',
  projectPath: 'project path (group/project)',
  organization: 'HCP Terraform organization',
  project: 'HCP Terraform project',
  workspace: 'HCP Terraform workspace',
};
