package example;

import java.util.List;
import java.util.Map;

import io.github.cdktrustedidentity.AccessScope;
import io.github.cdktrustedidentity.ApplicationGrant;
import io.github.cdktrustedidentity.AuthorizationCodeGrantOptions;
import io.github.cdktrustedidentity.AuthorizedTokenIssuer;
import io.github.cdktrustedidentity.GitHubActionsSubject;
import io.github.cdktrustedidentity.IdentityCenterApplication;
import io.github.cdktrustedidentity.IdentityContextPrincipal;
import io.github.cdktrustedidentity.IdentityContextPrincipalOptions;
import io.github.cdktrustedidentity.JamfTrustProviderOptions;
import io.github.cdktrustedidentity.JwtBearerGrantOptions;
import io.github.cdktrustedidentity.OidcJwtConfigurationOptions;
import io.github.cdktrustedidentity.OidcPrincipalOptions;
import io.github.cdktrustedidentity.OidcProvider;
import io.github.cdktrustedidentity.GitHubActionsOidcProviderProps;
import io.github.cdktrustedidentity.OidcTrustProviderOptions;
import io.github.cdktrustedidentity.TrustProvider;
import io.github.cdktrustedidentity.TrustedIdentityChecks;
import io.github.cdktrustedidentity.TrustedTokenIssuer;
import io.github.cdktrustedidentity.TrustedTokenIssuerConfiguration;
import io.github.cdktrustedidentity.TrustedTokenIssuerImplementation;
import io.github.cdktrustedidentity.VerifiedAccessTrustProvider;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnVerifiedAccessInstance;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;

/** Java translation of test/gates/every-construct.ts (one stack, EveryConstruct): keep it in step with the TypeScript app. */
public final class EveryConstruct {
    public static final String INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-1234567890abcdef";

    private EveryConstruct() {}

    public static Stack build(App app, boolean checks) {
        Stack stack = new Stack(app, "EveryConstruct", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("us-east-1").build()).build());

        OidcProvider github = OidcProvider.gitHubActions(stack, "GitHub",
                GitHubActionsOidcProviderProps.builder().removalPolicy(RemovalPolicy.RETAIN).build());
        Role.Builder.create(stack, "GitHubDeployRole")
                .assumedBy(github.principal(OidcPrincipalOptions.builder()
                        .subjects(List.of(GitHubActionsSubject.environment("my-org", "my-app", "production"))).build()))
                .build();

        OidcProvider corporate = OidcProvider.Builder.create(stack, "Corporate")
                .url("https://login.example.com/oauth2/default")
                .clientIds(List.of("0oa1b2c3d4e5f6g7h8i9"))
                .tags(Map.of("owner", "platform-security"))
                .build();
        Role.Builder.create(stack, "CorporateRole")
                .assumedBy(corporate.principal(OidcPrincipalOptions.builder().subjects(List.of("00u1abcd2EFGH3ijk4l5")).build()))
                .build();

        TrustedTokenIssuer okta = TrustedTokenIssuer.Builder.create(stack, "OktaIssuer")
                .instanceArn(INSTANCE_ARN)
                .configuration(TrustedTokenIssuerConfiguration.oidcJwt(OidcJwtConfigurationOptions.builder()
                        .issuerUrl("https://example.okta.com/oauth2/default")
                        .claimAttributePath("email")
                        .identityStoreAttributePath("emails.value")
                        .build()))
                .tags(Map.of("owner", "identity-team"))
                .build();
        TrustedTokenIssuer fallback = TrustedTokenIssuer.Builder.create(stack, "FallbackIssuer")
                .instanceArn(INSTANCE_ARN)
                .implementation(TrustedTokenIssuerImplementation.CUSTOM_RESOURCE)
                .configuration(TrustedTokenIssuerConfiguration.oidcJwt(OidcJwtConfigurationOptions.builder()
                        .issuerUrl("https://login.microsoftonline.com/2a2a2a2a-1111-2222-3333-444444444444/v2.0")
                        .claimAttributePath("preferred_username")
                        .identityStoreAttributePath("userName")
                        .build()))
                .build();
        Annotations.of(fallback).acknowledgeWarning("cdk-trusted-identity:nativeTypeAvailable",
                "the release gates cover the custom-resource fallback on purpose");
        okta.grantRead(Role.Builder.create(stack, "IssuerReader").assumedBy(new AccountRootPrincipal()).build());

        IdentityCenterApplication dataApp = IdentityCenterApplication.Builder.create(stack, "DataApp")
                .instanceArn(INSTANCE_ARN)
                .assignmentRequired(true)
                .userBackgroundSessions(false)
                .tags(Map.of("owner", "identity-team"))
                .build();
        dataApp.assignGroup("906745f8b1-0a1b2c3d-1234-5678-9abc-def012345678");
        dataApp.addGrant(ApplicationGrant.jwtBearer(JwtBearerGrantOptions.builder()
                .authorizedTokenIssuers(List.of(AuthorizedTokenIssuer.builder()
                        .trustedTokenIssuer(okta).authorizedAudiences(List.of("0oa1b2c3d4e5f6g7h8i9")).build()))
                .build()));
        dataApp.addGrant(ApplicationGrant.authorizationCode(AuthorizationCodeGrantOptions.builder()
                .redirectUris(List.of("https://app.example.com/callback")).build()));
        dataApp.addGrant(ApplicationGrant.refreshToken());
        dataApp.addGrant(ApplicationGrant.tokenExchange());
        dataApp.addAccessScope(AccessScope.STS_IDENTITY_CONTEXT);
        dataApp.addAccessScope(AccessScope.S3_ACCESS_GRANTS_READ_WRITE);
        Role workload = Role.Builder.create(stack, "ExchangeRole").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        dataApp.grantCreateTokenWithIam(workload);
        Role.Builder.create(stack, "IdentityEnhancedRole")
                .assumedBy(new IdentityContextPrincipal(workload, IdentityContextPrincipalOptions.builder()
                        .applicationArn(dataApp.getApplicationArn()).build()))
                .maxSessionDuration(Duration.hours(1))
                .build();

        ISecret secret = Secret.fromSecretNameV2(stack, "OktaClientSecret", "verified-access/okta-client-secret");
        Key key = Key.Builder.create(stack, "VerifiedAccessKey").enableKeyRotation(true).build();
        VerifiedAccessTrustProvider user = VerifiedAccessTrustProvider.Builder.create(stack, "OktaUsers")
                .policyReferenceName("okta")
                .provider(TrustProvider.oidc(OidcTrustProviderOptions.builder()
                        .issuer("https://example.okta.com/oauth2/default")
                        .authorizationEndpoint("https://example.okta.com/oauth2/default/v1/authorize")
                        .tokenEndpoint("https://example.okta.com/oauth2/default/v1/token")
                        .userInfoEndpoint("https://example.okta.com/oauth2/default/v1/userinfo")
                        .clientId("0oa1b2c3d4e5f6g7h8i9")
                        .clientSecret(secret.getSecretValue())
                        .scope("openid email groups")
                        .build()))
                .encryptionKey(key)
                .description("Workforce identities")
                .build();
        VerifiedAccessTrustProvider device = VerifiedAccessTrustProvider.Builder.create(stack, "JamfDevices")
                .policyReferenceName("jamf")
                .provider(TrustProvider.jamf(JamfTrustProviderOptions.builder().tenantId("jamf-tenant-id").build()))
                .build();
        CfnVerifiedAccessInstance.Builder.create(stack, "VerifiedAccessInstance")
                .verifiedAccessTrustProviderIds(List.of(user.getVerifiedAccessTrustProviderId(), device.getVerifiedAccessTrustProviderId()))
                .build();

        Tags.of(stack).add("project", "cdk-trusted-identity");
        if (checks) {
            Aspects.of(app).add(new TrustedIdentityChecks());
        }
        return stack;
    }
}
