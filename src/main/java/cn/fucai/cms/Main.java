package cn.fucai.cms;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service. */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        // before Quarkus loads its HTTP server: common/http/RequestTargets reads every request target instead of
        // Quarkus's check, which answers any target java.net.URI refuses (raw UTF-8, q=100%) with an empty 400
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
