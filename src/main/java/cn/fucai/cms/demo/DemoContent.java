package cn.fucai.cms.demo;

import cn.fucai.cms.account.AccountDtos.AccountRequest;
import cn.fucai.cms.account.AccountService;
import cn.fucai.cms.article.ArticleDtos.ArticleRequest;
import cn.fucai.cms.article.ArticleService;
import cn.fucai.cms.common.error.ResourceGoneException;
import cn.fucai.cms.figure.FigureDtos.FigureRequest;
import cn.fucai.cms.figure.FigureKind;
import cn.fucai.cms.figure.FigureService;
import cn.fucai.cms.publisher.Publisher;
import cn.fucai.cms.publisher.PublisherDtos.PublisherRequest;
import cn.fucai.cms.publisher.PublisherService;
import cn.fucai.cms.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Loads the two sample articles, their publishers and the figures they state at start-up when {@code cms.demo-content=true} (the run script
 * sets it; tests and production never do). Goes through the services, as an editor would, and skips what exists.
 */
@ApplicationScoped
public class DemoContent {

    private static final Logger LOG = Logger.getLogger(DemoContent.class);
    private static final String RESOURCE = "/demo/demo-content.json";

    @Inject
    PublisherService publishers;

    @Inject
    ArticleService articles;

    @Inject
    FigureService figures;

    @Inject
    AccountService accounts;

    @Inject
    ObjectMapper json;

    @Inject
    DemoConfig config;

    void onStart(@Observes StartupEvent event) {
        if (config.demoContent()) {
            load();
        }
    }

    /** Creates every demo publisher and article whose slug is not taken yet, in one transaction. */
    @Transactional
    void load() {
        JsonNode content = read();
        int created = 0;
        for (JsonNode node : content.get("publishers")) {
            PublisherRequest request = json.convertValue(node, PublisherRequest.class);
            if (Publisher.findByIdOrSlug(request.slug()).isEmpty()) {
                publishers.create(request);
                created++;
            }
        }
        for (JsonNode node : content.get("articles")) {
            ArticleRequest request = json.convertValue(node, ArticleRequest.class);
            if (!articles.exists(request.publisher(), request.slug())) {
                articles.create(request);
                created++;
            }
        }
        // Each figure names the article that announced it by publisher/slug; one already quoted is skipped, and so is
        // one whose article someone deleted since an earlier start (a deleted demo article is not made again either)
        for (JsonNode node : content.get("figures")) {
            String[] source = node.get("sourceArticle").asText().split("/");
            UUID articleId;
            try {
                articleId = articles.readBySlug(source[0], source[1], List.of())
                        .state()
                        .id();
            } catch (ResourceGoneException deleted) {
                continue;
            }
            FigureKind kind = FigureKind.valueOf(node.get("kind").asText());
            FigureRequest request = json.convertValue(node.get("figure"), FigureRequest.class);
            if (!figures.isQuoted(kind, articleId, request.source().quote())) {
                ((ObjectNode) node.get("figure").get("source")).put("articleId", articleId.toString());
                figures.create(kind, json.convertValue(node.get("figure"), FigureRequest.class));
                created++;
            }
        }
        LOG.infof("demo content: %d publishers, articles and figures created", created);
        config.demoPassword().ifPresent(this::createAccounts);
    }

    /** The demo's people: an admin, and an editor and a reviewer of the Wenzhou centre, made when missing. */
    void createAccounts(String password) {
        List<AccountRequest> people = List.of(
                new AccountRequest("demo-admin", "演示管理员", null, Role.admin, null, false, password),
                new AccountRequest("demo-editor", "演示编辑", null, Role.editor, "wenzhou-fucai", false, password),
                new AccountRequest("demo-reviewer", "演示审核员", null, Role.reviewer, "wenzhou-fucai", false, password));
        int created = 0;
        for (AccountRequest person : people) {
            if (!accounts.exists(person.login())) {
                accounts.create(person);
                created++;
            }
        }
        LOG.infof("demo accounts: %d created (demo-admin, demo-editor, demo-reviewer)", created);
    }

    private JsonNode read() {
        try (InputStream in = DemoContent.class.getResourceAsStream(RESOURCE)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
