package cn.fucai.cms.demo;

import cn.fucai.cms.article.ArticleDtos.ArticleRequest;
import cn.fucai.cms.article.ArticleService;
import cn.fucai.cms.publisher.Publisher;
import cn.fucai.cms.publisher.PublisherDtos.PublisherRequest;
import cn.fucai.cms.publisher.PublisherService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the two sample articles and their publishers at start-up when {@code cms.demo-content=true} (the run script
 * sets it; tests and production never do). Goes through the services, as an editor would, and skips what exists.
 */
@ApplicationScoped
public class DemoContent {

    private static final Logger LOG = Logger.getLogger(DemoContent.class);
    private static final String RESOURCE = "/demo/demo-content.json";

    private final PublisherService publishers;
    private final ArticleService articles;
    private final ObjectMapper json;
    private final boolean enabled;

    DemoContent(PublisherService publishers, ArticleService articles, ObjectMapper json,
                @ConfigProperty(name = "cms.demo-content") boolean enabled) {
        this.publishers = publishers;
        this.articles = articles;
        this.json = json;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
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
        LOG.infof("demo content: %d publishers and articles created", created);
    }

    private JsonNode read() {
        try (InputStream in = DemoContent.class.getResourceAsStream(RESOURCE)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
