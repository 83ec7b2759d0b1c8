package cn.fucai.cms.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo content loaded at start-up. */
@ConfigMapping(prefix = "cms")
interface DemoConfig {

    /** Whether to load the demo publishers, articles and figures into an empty database (CMS_DEMO_CONTENT). */
    @WithDefault("false")
    boolean demoContent();
}
