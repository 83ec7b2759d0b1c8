package cn.fucai.cms.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Authentication settings. */
@ConfigMapping(prefix = "cms")
interface SecurityConfig {

    /**
     * The bootstrap admin token, at least 32 characters, for the first admin work before any token is made; none by
     * default (CMS_ADMIN_TOKEN).
     */
    Optional<String> adminToken();
}
