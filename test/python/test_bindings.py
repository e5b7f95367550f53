"""The Python binding of cdk-trusted-identity, through jsii: structs from keyword arguments, enum-like classes,
factories, errors, tokens, Python-implemented interfaces and the audit aspect."""
import json
import re

import jsii
import pytest
from aws_cdk import App, CfnParameter, Fn, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Annotations, Match, Template
from cdk_trusted_identity import (
    AccessScope, ApplicationGrant, AuthorizedTokenIssuer, GitHubActionsSubject, IdentityCenterApplication,
    IdentityContextPrincipal, IOidcProvider, OidcJwtConfigurationOptions, OidcProvider, TrustedIdentityChecks,
    TrustedTokenIssuer, TrustedTokenIssuerConfiguration,
)

from every_construct import INSTANCE_ARN, every_construct_app


OTHER_ISSUER = 'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-1234567890abcdef/tti-12345678-1234-1234-1234-123456789012'


def stack():
    return Stack(App(), 'S', env={'account': '123456789012', 'region': 'us-east-1'})


def issuer_config():
    return TrustedTokenIssuerConfiguration.oidc_jwt(
        issuer_url='https://example.okta.com/oauth2/default', claim_attribute_path='email',
        identity_store_attribute_path='emails.value')


def test_every_construct_app_synthesizes():
    _, s = every_construct_app()
    t = Template.from_stack(s)
    t.resource_count_is('AWS::IAM::OIDCProvider', 2)
    t.resource_count_is('AWS::SSO::TrustedTokenIssuer', 1)
    t.resource_count_is('AWS::SSO::Application', 1)
    t.resource_count_is('AWS::EC2::VerifiedAccessTrustProvider', 2)
    t.has_resource_properties('AWS::EC2::VerifiedAccessTrustProvider', {
        'OidcOptions': Match.object_like({'ClientSecret': {'Fn::Join': ['', Match.array_with([
            Match.string_like_regexp('{{resolve:secretsmanager:')])]}}),
    })
    # The audit aspect ran and found nothing in the every-construct app.
    Annotations.from_stack(s).has_no_error('*', Match.any_value())


def test_struct_from_kwargs_class_and_dict():
    s = stack()
    okta = TrustedTokenIssuer(s, 'Okta', instance_arn=INSTANCE_ARN, configuration=issuer_config())
    a = IdentityCenterApplication(s, 'App', instance_arn=INSTANCE_ARN, assignment_required=False)
    # The same nested struct three ways: a generated class, a plain dict, kwargs of the factory.
    # A struct in a list: the generated class, or a dict with the jsii (camelCase) names.
    a.add_grant(ApplicationGrant.jwt_bearer(authorized_token_issuers=[
        AuthorizedTokenIssuer(trusted_token_issuer=okta, authorized_audiences=['aud-1']),
        {'trustedTokenIssuer': TrustedTokenIssuer.from_trusted_token_issuer_arn(s, 'Other2', OTHER_ISSUER),
         'authorizedAudiences': ['aud-2']},
    ]))
    cfg = OidcJwtConfigurationOptions(issuer_url='https://login.example.com', claim_attribute_path='email',
                                      identity_store_attribute_path='emails.value')
    assert cfg.issuer_url == 'https://login.example.com'
    assert cfg.jwks_retrieval_option is None
    TrustedTokenIssuer(s, 'Other', instance_arn=INSTANCE_ARN,
                       configuration=TrustedTokenIssuerConfiguration.oidc_jwt(**cfg._values))
    t = Template.from_stack(s)
    t.resource_count_is('AWS::SSO::TrustedTokenIssuer', 2)


def test_snake_case_dict_in_a_list_of_structs_is_not_converted():
    # jsii converts a dict only where the parameter itself is a struct, not inside lists: a snake_case dict
    # reaches the kernel as a map and fails there. (Same for every jsii library; use the struct class.)
    s = stack()
    okta = TrustedTokenIssuer(s, 'Okta', instance_arn=INSTANCE_ARN, configuration=issuer_config())
    with pytest.raises(RuntimeError, match='Missing required properties for cdk-trusted-identity.AuthorizedTokenIssuer'):
        ApplicationGrant.jwt_bearer(authorized_token_issuers=[
            {'trusted_token_issuer': okta, 'authorized_audiences': ['aud-2']}])


def test_struct_missing_required_kwarg_is_a_python_type_error():
    with pytest.raises(TypeError, match='identity_store_attribute_path'):
        TrustedTokenIssuerConfiguration.oidc_jwt(issuer_url='https://x.example.com', claim_attribute_path='email')


def test_factories_return_the_right_proxies():
    s = stack()
    grant = ApplicationGrant.refresh_token()
    assert isinstance(grant, ApplicationGrant)
    imported = OidcProvider.from_oidc_provider_arn(
        s, 'Imported', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com')
    # IOidcProvider is a typing Protocol (not runtime-checkable). The import returns a private JavaScript class, so
    # jsii hands back a dynamic proxy of all the jsii interfaces it implements: check it by what it can do.
    assert type(imported).__name__ in ('_IOidcProviderProxy', 'InterfaceDynamicProxy'), type(imported)
    assert imported.oidc_provider_issuer == 'token.actions.githubusercontent.com'
    assert imported.open_id_connect_provider_arn == imported.oidc_provider_arn
    p = imported.principal(subjects=[GitHubActionsSubject.branch('my-org', 'my-app', 'main')])
    assert p.policy_fragment is not None
    assert GitHubActionsSubject.branch('my-org', 'my-app', 'main') == 'repo:my-org/my-app:ref:refs/heads/main'
    # GitHubRepositoryIds is the last parameter: Python gets its fields as keyword arguments, optional (no IDs, the
    # name-based form above; both, GitHub's immutable form).
    assert GitHubActionsSubject.branch('my-org', 'my-app', 'main', owner_id='123456', repository_id='456789') == \
        'repo:my-org@123456/my-app@456789:ref:refs/heads/main'
    assert GitHubActionsSubject.pull_request('my-org', 'my-app', owner_id='123456', repository_id='456789') == \
        'repo:my-org@123456/my-app@456789:pull_request'
    # An interface-typed return value is usable where aws-cdk-lib takes its own interfaces.
    iam.Role(s, 'R', assumed_by=iam.OpenIdConnectPrincipal(imported, {
        'StringEquals': {'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                         'token.actions.githubusercontent.com:sub': 'repo:my-org/my-app:ref:refs/heads/main'}}))
    Template.from_stack(s).resource_count_is('AWS::IAM::Role', 1)


def test_enum_like_class_constants_and_custom():
    assert AccessScope.STS_IDENTITY_CONTEXT.name == 'sts:identity_context'
    assert AccessScope.custom('myservice:read').name == 'myservice:read'
    s = stack()
    a = IdentityCenterApplication(s, 'App', instance_arn=INSTANCE_ARN, assignment_required=False)
    a.add_access_scope(AccessScope.custom('myservice:read'))
    a.add_access_scope(AccessScope.REDSHIFT_CONNECT, authorized_targets=['arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef'])
    creates = [json.dumps(r['Properties']['Create']) for r in Template.from_stack(s).find_resources(
        'Custom::IdentityCenterApplicationAccessScope').values()]
    assert any('\\"Scope\\":\\"myservice:read\\"' in c for c in creates), creates


def library_error(excinfo):
    """What a Python user sees: the exception type and str()."""
    return type(excinfo.value), str(excinfo.value)


def test_bad_input_raises_with_the_library_message():
    s = stack()
    with pytest.raises(RuntimeError) as e:
        TrustedTokenIssuer(s, 'Bad', instance_arn='not-an-arn', configuration=issuer_config())
    kind, msg = library_error(e)
    print(f'\n{kind.__module__}.{kind.__qualname__}: {msg}')
    # A plain RuntimeError (jsii.errors.JSIIError is only for kernel faults); the JavaScript error and its stack
    # are the __cause__ (jsii.errors.JavaScriptError).
    assert kind is RuntimeError and not issubclass(kind, jsii.errors.JSIIError)
    assert type(e.value.__cause__).__name__ == 'JavaScriptError'
    # From a constructor (kernel "create") the message is the library's message as is ...
    assert msg == ('S/Bad: instanceArn "not-an-arn" must be an IAM Identity Center instance ARN, '
                   'arn:<partition>:sso:::instance/ssoins-<16 characters>')
    assert '\n' not in msg  # no JavaScript stack trace in str(); it is in the traceback's __cause__ chain, if any


def test_bad_custom_scope_is_reported_when_added():
    s = stack()
    a = IdentityCenterApplication(s, 'App', instance_arn=INSTANCE_ARN, assignment_required=False)
    with pytest.raises(RuntimeError) as e:
        a.add_access_scope(AccessScope.custom('not a scope!'))
    # ... from a method (kernel "invoke") it is prefixed with the JavaScript error's name.
    assert str(e.value).startswith('TrustedIdentityValidationError: S/App: scope "not a scope!" must be ')


def test_unresolved_tokens_pass():
    s = stack()
    arn = CfnParameter(s, 'InstanceArn').value_as_string
    TrustedTokenIssuer(s, 'FromParam', instance_arn=arn, configuration=issuer_config())
    TrustedTokenIssuer(s, 'FromImport', instance_arn=Fn.import_value('SsoInstanceArn'), configuration=issuer_config())
    IdentityCenterApplication(s, 'App', instance_arn=arn, assignment_required=True)
    Template.from_stack(s).resource_count_is('AWS::SSO::TrustedTokenIssuer', 2)


def test_grant_create_token_with_iam_on_a_lambda_function():
    s = stack()
    a = IdentityCenterApplication(s, 'App', instance_arn=INSTANCE_ARN, assignment_required=False)
    fn = lambda_.Function(s, 'Fn', runtime=lambda_.Runtime.PYTHON_3_12, handler='index.handler',
                          code=lambda_.Code.from_inline('def handler(event, context):\n    return None\n'))
    grant = a.grant_create_token_with_iam(fn)
    assert isinstance(grant, iam.Grant) and grant.success
    Template.from_stack(s).has_resource_properties('AWS::IAM::Policy', {
        'PolicyDocument': {'Statement': Match.array_with([Match.object_like({
            'Action': 'sso-oauth:CreateTokenWithIAM', 'Effect': 'Allow'})])},
    })


@jsii.implements(iam.IGrantable)
class PythonGrantee:
    """A grantee implemented in Python (a jsii interface implemented on the Python side)."""

    def __init__(self, role):
        self._role = role

    @property
    def grant_principal(self):
        return self._role.grant_principal


def test_grant_to_a_python_implemented_interface():
    s = stack()
    a = IdentityCenterApplication(s, 'App', instance_arn=INSTANCE_ARN, assignment_required=False)
    role = iam.Role(s, 'Role', assumed_by=iam.ServicePrincipal('lambda.amazonaws.com'))
    a.grant_create_token_with_iam(PythonGrantee(role))
    IdentityContextPrincipal(role, application_arn=a.application_arn)
    Template.from_stack(s).has_resource_properties('AWS::IAM::Policy', {
        'PolicyDocument': {'Statement': Match.array_with([Match.object_like({
            'Action': 'sso-oauth:CreateTokenWithIAM'})])},
        'Roles': [{'Ref': Match.string_like_regexp('^Role')}],
    })


def test_audit_aspect_reports_an_open_federated_trust():
    app = App()
    s = Stack(app, 'S')
    gh = OidcProvider.git_hub_actions(s, 'GitHub')
    iam.Role(s, 'Open', assumed_by=iam.OpenIdConnectPrincipal(gh))  # no aud, no sub
    from aws_cdk import Aspects
    Aspects.of(app).add(TrustedIdentityChecks())
    annotations = Annotations.from_stack(s)
    errors = [str(e.entry.data) for e in annotations.find_error('/S/Open/Resource', Match.any_value())]
    warnings = [str(e.entry.data) for e in annotations.find_warning('/S/Open/Resource', Match.any_value())]
    # The severity policy: any repository in the world can assume the role (an error); GitHub's audience is whatever
    # the workflow asks for, so a missing aud is a warning once the subject is the boundary.
    assert [m.split(']')[0] + ']' for m in errors] == ['[OidcTenantSubject]'], errors
    assert [m.split(']')[0] + ']' for m in warnings] == ['[OidcAudience]'], warnings


def test_acknowledge_with_an_unknown_rule_raises():
    s = stack()
    with pytest.raises(RuntimeError, match=r'^TrustedIdentityValidationError: S: ruleId "NoSuchRule" must be one of "OidcAudience"'):
        TrustedIdentityChecks.acknowledge(s, 'NoSuchRule', 'because')


def test_import_factories_return_usable_proxies():
    s = stack()
    tti = TrustedTokenIssuer.from_trusted_token_issuer_arn(s, 'Tti', OTHER_ISSUER)
    assert tti.trusted_token_issuer_arn == OTHER_ISSUER and tti.instance_arn == INSTANCE_ARN
    apl = IdentityCenterApplication.from_application_arn(
        s, 'Apl', 'arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef')
    assert apl.instance_arn == INSTANCE_ARN
    from cdk_trusted_identity import TrustProvider, VerifiedAccessTrustProvider
    vatp = VerifiedAccessTrustProvider.from_verified_access_trust_provider_attributes(
        s, 'Vatp', verified_access_trust_provider_id='vatp-0123456789abcdef0', policy_reference_name='okta')
    assert vatp.policy_reference_name == 'okta'
    assert isinstance(TrustProvider.jamf(tenant_id='t'), TrustProvider)
    role = iam.Role(s, 'R', assumed_by=iam.ServicePrincipal('lambda.amazonaws.com'))
    IdentityContextPrincipal(role, application_arn=apl.application_arn)
