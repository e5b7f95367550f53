package example;

import java.util.List;

import io.github.cdktrustedidentity.AccessScope;
import io.github.cdktrustedidentity.ApplicationGrant;
import io.github.cdktrustedidentity.IOidcProvider;
import io.github.cdktrustedidentity.IdentityCenterApplication;
import io.github.cdktrustedidentity.OidcJwtConfigurationOptions;
import io.github.cdktrustedidentity.OidcPrincipalOptions;
import io.github.cdktrustedidentity.OidcProvider;
import io.github.cdktrustedidentity.TrustedTokenIssuer;
import io.github.cdktrustedidentity.TrustedTokenIssuerConfiguration;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IOpenIdConnectProvider;
import software.amazon.awscdk.services.iam.OpenIdConnectPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/**
 * What a Java user meets: bad input fails with the library's own message (construct path, prop, value, rule), tokens
 * pass, factories return usable proxies, a Java-implemented interface is accepted. Exits non-zero on any failure.
 * `mvn -q compile exec:java -Dexec.mainClass=example.BadInput`
 */
public final class BadInput {
    private static int failures = 0;

    /** Checks that `e`'s first message line is the library's message for `expected` (a prefix). */
    static void expectMessage(String what, RuntimeException e, String expected) {
        String first = String.valueOf(e.getMessage()).split("\n")[0].replaceFirst("^TrustedIdentityValidationError: ", "");
        if (first.startsWith(expected)) {
            System.out.println("ok: " + what + ": " + e.getClass().getName() + ": " + first);
        } else {
            System.out.println("FAIL: " + what + ": expected a message starting with <" + expected + ">, got <" + first + ">");
            failures++;
        }
    }

    static void check(String what, boolean ok) {
        System.out.println((ok ? "ok: " : "FAIL: ") + what);
        if (!ok) failures++;
    }

    static TrustedTokenIssuerConfiguration config() {
        return TrustedTokenIssuerConfiguration.oidcJwt(OidcJwtConfigurationOptions.builder()
                .issuerUrl("https://example.okta.com/oauth2/default").claimAttributePath("email")
                .identityStoreAttributePath("emails.value").build());
    }

    /** An aws-cdk-lib interface implemented in Java and handed to the library. */
    static final class JavaGrantee implements IGrantable {
        private final Role role;
        JavaGrantee(Role role) { this.role = role; }
        @Override public IPrincipal getGrantPrincipal() { return role.getGrantPrincipal(); }
    }

    public static void main(final String[] args) {
        Stack stack = new Stack(new App(), "S");

        // 1. Bad input from a constructor.
        try {
            TrustedTokenIssuer.Builder.create(stack, "Bad").instanceArn("not-an-arn").configuration(config()).build();
            System.out.println("FAIL: no exception"); failures++;
        } catch (RuntimeException e) {
            expectMessage("bad input to a constructor", e,
                "S/Bad: instanceArn \"not-an-arn\" must be an IAM Identity Center instance ARN, arn:<partition>:sso:::instance/ssoins-<16 characters>");
        }
        // 2. Bad input from a method.
        IdentityCenterApplication app = IdentityCenterApplication.Builder.create(stack, "App")
                .instanceArn(EveryConstruct.INSTANCE_ARN).assignmentRequired(false).build();
        try {
            app.addAccessScope(AccessScope.custom("not a scope!"));
            System.out.println("FAIL: no exception"); failures++;
        } catch (RuntimeException e) {
            expectMessage("bad input to a method", e, "S/App: scope \"not a scope!\" must be");
        }
        // 3. Unresolved tokens pass.
        String arn = CfnParameter.Builder.create(stack, "InstanceArn").build().getValueAsString();
        TrustedTokenIssuer.Builder.create(stack, "FromParam").instanceArn(arn).configuration(config()).build();
        // 4. A factory's interface-typed result, used where aws-cdk-lib takes its own interface.
        IOidcProvider imported = OidcProvider.fromOidcProviderArn(stack, "Imported",
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
        check("fromOidcProviderArn: oidcProviderIssuer and openIdConnectProviderIssuer",
            "token.actions.githubusercontent.com".equals(imported.getOidcProviderIssuer())
                && "token.actions.githubusercontent.com".equals(imported.getOpenIdConnectProviderIssuer()));
        Role.Builder.create(stack, "Deploy").assumedBy(imported.principal(OidcPrincipalOptions.builder()
                .subjects(List.of("repo:my-org/my-app:ref:refs/heads/main")).build())).build();
        // Compiles only where IOidcProvider extends iam.IOpenIdConnectProvider (what aws-eks/aws-eks-v2 take).
        IOpenIdConnectProvider forEks = imported;
        check("an imported IOidcProvider is an iam.IOpenIdConnectProvider", forEks != null);
        // OidcProvider (the class) is both an iam.IOidcProvider and an iam.IOpenIdConnectProvider.
        OidcProvider gh = OidcProvider.gitHubActions(stack, "GitHub");
        new OpenIdConnectPrincipal(gh);
        // 5. A Java-implemented interface passed in.
        Role role = Role.Builder.create(stack, "Workload").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        Grant g = app.grantCreateTokenWithIam(new JavaGrantee(role));
        check("grantCreateTokenWithIam to a Java-implemented IGrantable", g.getSuccess());
        app.addGrant(ApplicationGrant.tokenExchange());
        System.out.println(failures == 0 ? "BadInput: all checks passed" : "BadInput: " + failures + " check(s) failed");
        System.exit(failures);
    }
}
