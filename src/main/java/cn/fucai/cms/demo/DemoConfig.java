package cn.fucai.cms.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The demo content loaded at start-up. */
@ConfigMapping(prefix = "cms")
interface DemoConfig {

    /** Whether to load the demo publishers, articles and figures into an empty database (CMS_DEMO_CONTENT). */
    @WithDefault("false")
    boolean demoContent();

    /**
     * With demo content, the password of the demo accounts demo-admin, demo-editor and demo-reviewer (of
     * wenzhou-fucai), made when missing; none without it (CMS_DEMO_PASSWORD).
     */
    Optional<String> demoPassword();
}
