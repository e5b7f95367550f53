package example;

import software.amazon.awscdk.App;

/** `mvn -q compile exec:java` (CDK_OUTDIR set), or `cdk synth --app "mvn -e -q compile exec:java"`. */
public final class EveryConstructApp {
    public static void main(final String[] args) {
        App app = new App();
        EveryConstruct.build(app, true);
        app.synth();
    }
}
