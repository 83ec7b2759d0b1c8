package cn.fucai.cms;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API as a whole, for the OpenAPI document: how callers authenticate. */
@SecurityScheme(securitySchemeName = "apiToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token: `Authorization: Bearer <token>`. Reads of published content need none; writes need an admin or editor token.")
public class ApiDefinition extends Application {
}
