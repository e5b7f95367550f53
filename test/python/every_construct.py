"""Python translation of test/gates/every-construct.ts (one stack, `EveryConstruct`, every construct of the library).

Keep it line-for-line with the TypeScript app: compare.py diffs the two templates.
"""
from aws_cdk import Annotations, App, Aspects, Duration, Environment, RemovalPolicy, Stack, Tags
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_secretsmanager as secretsmanager
from cdk_trusted_identity import (
    AccessScope, ApplicationGrant, AuthorizedTokenIssuer, GitHubActionsSubject, IdentityCenterApplication,
    IdentityContextPrincipal, OidcProvider, TrustedIdentityChecks, TrustedTokenIssuer, TrustedTokenIssuerConfiguration,
    TrustedTokenIssuerImplementation, TrustProvider, VerifiedAccessTrustProvider,
)

INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1234567890abcdef'


def every_construct_app(app=None, checks=True):
    """Builds the every-construct app; returns (app, stack)."""
    app = app or App()
    stack = Stack(app, 'EveryConstruct', env=Environment(account='123456789012', region='us-east-1'))

    github = OidcProvider.git_hub_actions(stack, 'GitHub', removal_policy=RemovalPolicy.RETAIN)
    iam.Role(stack, 'GitHubDeployRole',
             assumed_by=github.principal(subjects=[GitHubActionsSubject.environment('my-org', 'my-app', 'production')]))

    corporate = OidcProvider(stack, 'Corporate',
                             url='https://login.example.com/oauth2/default',
                             client_ids=['0oa1b2c3d4e5f6g7h8i9'],
                             tags={'owner': 'platform-security'})
    iam.Role(stack, 'CorporateRole', assumed_by=corporate.principal(subjects=['00u1abcd2EFGH3ijk4l5']))

    okta = TrustedTokenIssuer(stack, 'OktaIssuer',
                              instance_arn=INSTANCE_ARN,
                              configuration=TrustedTokenIssuerConfiguration.oidc_jwt(
                                  issuer_url='https://example.okta.com/oauth2/default',
                                  claim_attribute_path='email',
                                  identity_store_attribute_path='emails.value'),
                              tags={'owner': 'identity-team'})
    fallback = TrustedTokenIssuer(stack, 'FallbackIssuer',
                                  instance_arn=INSTANCE_ARN,
                                  implementation=TrustedTokenIssuerImplementation.CUSTOM_RESOURCE,
                                  configuration=TrustedTokenIssuerConfiguration.oidc_jwt(
                                      issuer_url='https://login.microsoftonline.com/2a2a2a2a-1111-2222-3333-444444444444/v2.0',
                                      claim_attribute_path='preferred_username',
                                      identity_store_attribute_path='userName'))
    Annotations.of(fallback).acknowledge_warning('cdk-trusted-identity:nativeTypeAvailable',
                                                 'the release gates cover the custom-resource fallback on purpose')
    okta.grant_read(iam.Role(stack, 'IssuerReader', assumed_by=iam.AccountRootPrincipal()))

    app_ = IdentityCenterApplication(stack, 'DataApp',
                                     instance_arn=INSTANCE_ARN,
                                     assignment_required=True,
                                     user_background_sessions=False,
                                     tags={'owner': 'identity-team'})
    app_.assign_group('906745f8b1-0a1b2c3d-1234-5678-9abc-def012345678')
    app_.add_grant(ApplicationGrant.jwt_bearer(authorized_token_issuers=[
        AuthorizedTokenIssuer(trusted_token_issuer=okta, authorized_audiences=['0oa1b2c3d4e5f6g7h8i9'])]))
    app_.add_grant(ApplicationGrant.authorization_code(redirect_uris=['https://app.example.com/callback']))
    app_.add_grant(ApplicationGrant.refresh_token())
    app_.add_grant(ApplicationGrant.token_exchange())
    app_.add_access_scope(AccessScope.STS_IDENTITY_CONTEXT)
    app_.add_access_scope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE)
    workload = iam.Role(stack, 'ExchangeRole', assumed_by=iam.ServicePrincipal('lambda.amazonaws.com'))
    app_.grant_create_token_with_iam(workload)
    iam.Role(stack, 'IdentityEnhancedRole',
             assumed_by=IdentityContextPrincipal(workload, application_arn=app_.application_arn),
             max_session_duration=Duration.hours(1))

    secret = secretsmanager.Secret.from_secret_name_v2(stack, 'OktaClientSecret', 'verified-access/okta-client-secret')
    key = kms.Key(stack, 'VerifiedAccessKey', enable_key_rotation=True)
    user = VerifiedAccessTrustProvider(stack, 'OktaUsers',
                                       policy_reference_name='okta',
                                       provider=TrustProvider.oidc(
                                           issuer='https://example.okta.com/oauth2/default',
                                           authorization_endpoint='https://example.okta.com/oauth2/default/v1/authorize',
                                           token_endpoint='https://example.okta.com/oauth2/default/v1/token',
                                           user_info_endpoint='https://example.okta.com/oauth2/default/v1/userinfo',
                                           client_id='0oa1b2c3d4e5f6g7h8i9',
                                           client_secret=secret.secret_value,
                                           scope='openid email groups'),
                                       encryption_key=key,
                                       description='Workforce identities')
    device = VerifiedAccessTrustProvider(stack, 'JamfDevices',
                                         policy_reference_name='jamf',
                                         provider=TrustProvider.jamf(tenant_id='jamf-tenant-id'))
    ec2.CfnVerifiedAccessInstance(stack, 'VerifiedAccessInstance',
                                  verified_access_trust_provider_ids=[user.verified_access_trust_provider_id,
                                                                      device.verified_access_trust_provider_id])

    Tags.of(stack).add('project', 'cdk-trusted-identity')
    if checks:
        Aspects.of(app).add(TrustedIdentityChecks())
    return app, stack
