package cn.fucai.cms.figure;

import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.Problem.FieldViolation;
import cn.fucai.cms.common.time.Timestamps;
import cn.fucai.cms.figure.FigureDtos.AmountInput;
import cn.fucai.cms.figure.FigureDtos.FigureRequest;
import cn.fucai.cms.figure.FigureDtos.FundInput;
import cn.fucai.cms.figure.FigureDtos.SourceInput;
import cn.fucai.cms.media.DocumentRef;
import cn.fucai.cms.media.MediaService;
import cn.fucai.cms.publisher.Publisher;
import cn.fucai.cms.region.Regions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a figure request into checked values, collecting every problem with its field path (prefixed, for batch
 * rows) instead of stopping at the first, so that a client can fix a whole request or file at once.
 */
final class FigureInputs {

    private final FigureStore store;
    private final Regions regions;
    private final ArticleStates articleStates;
    // A batch names the same publishers, regions and articles over and over: look each up once.
    private final Map<String, Optional<Publisher>> publishers = new HashMap<>();
    private final Map<String, Regions.Lineage> lineages = new HashMap<>();
    /** Whether each article named is published now; empty for no article. */
    private final Map<UUID, Optional<Boolean>> articles = new HashMap<>();

    private final Map<String, Optional<DocumentRef>> documents = new HashMap<>();
    private final MediaService media;
    private final Instant now;

    /** Checks for one request or one batch written at {@code now}; not shared between transactions. */
    FigureInputs(FigureStore store, Regions regions, ArticleStates articleStates, MediaService media, Instant now) {
        this.store = store;
        this.regions = regions;
        this.articleStates = articleStates;
        this.media = media;
        this.now = now;
    }

    /** The live publisher a request names, as checked; empty when there is none. */
    Optional<Publisher> publisher(String idOrSlug) {
        return publishers.computeIfAbsent(
                idOrSlug, key -> Publisher.findByIdOrSlug(key).filter(p -> !p.isDeleted()));
    }

    /** Checked values and their region scope, or null when {@code violations} received at least one problem. */
    Checked check(FigureKind kind, FigureRequest request, String prefix, List<FieldViolation> violations) {
        int before = violations.size();
        UUID publisherId = publisher(request.publisher()).map(p -> p.id).orElse(null);
        if (publisherId == null) {
            violations.add(new FieldViolation(prefix + "publisher", "no live publisher " + request.publisher()));
        }
        Regions.Lineage lineage =
                lineages.computeIfAbsent(request.regionCode(), code -> regions.lineage(List.of(code)));
        if (!lineage.unknown().isEmpty()) {
            violations.add(new FieldViolation(prefix + "regionCode", "unknown region code " + request.regionCode()));
        }
        var p = request.period();
        violations.addAll(prefixed(prefix, Period.check("period", p.start(), p.end(), p.granularity())));
        Period period = new Period(
                p.start(),
                p.end(),
                p.granularity(),
                p.label() == null || p.label().isBlank()
                        ? Period.defaultLabel(p.start(), p.end(), p.granularity())
                        : p.label().strip());

        BigDecimal amount = null;
        if (kind == FigureKind.indicator) {
            forbid(
                    request.amount() != null,
                    prefix + "amount",
                    "indicator figures carry a value in `indicator`, not an amount",
                    violations);
        } else if (request.amount() == null) {
            violations.add(new FieldViolation(prefix + "amount", "is required on " + kind + " figures"));
        } else {
            amount = yuan(request.amount(), prefix + "amount", violations);
        }
        FigureValues.Fund fund = null;
        if (kind == FigureKind.fund) {
            if (request.fund() == null) {
                violations.add(new FieldViolation(prefix + "fund", "is required on fund figures (at least its flow)"));
            } else {
                fund = fund(request.fund(), prefix + "fund.", violations);
            }
        } else {
            forbid(request.fund() != null, prefix + "fund", "applies to fund figures only", violations);
        }
        FigureValues.Indicator indicator = null;
        if (kind == FigureKind.indicator) {
            if (request.indicator() == null) {
                violations.add(new FieldViolation(prefix + "indicator", "is required on indicator figures"));
            } else {
                indicator = new FigureValues.Indicator(
                        request.indicator().metric().strip(),
                        plain(request.indicator().value()),
                        request.indicator().unit().strip());
            }
        } else {
            forbid(request.indicator() != null, prefix + "indicator", "applies to indicator figures only", violations);
        }
        var source = request.source();
        if (source.articleId() == null
                && (source.url() == null || source.url().isBlank())
                && source.documentId() == null) {
            violations.add(new FieldViolation(prefix + "source", "needs an articleId, a url or a documentId"));
        }
        DocumentRef document = document(publisherId, source, prefix, violations);
        Optional<Boolean> articlePublished = source.articleId() == null
                ? Optional.of(true)
                : articles.computeIfAbsent(source.articleId(), articleStates::isPublished);
        if (articlePublished.isEmpty()) {
            violations.add(new FieldViolation(prefix + "source.articleId", "no article " + source.articleId()));
        }
        FigureRelease release = release(request, !articlePublished.orElse(true), prefix, violations);
        if (violations.size() > before) {
            return null;
        }
        FigureValues values = new FigureValues(
                publisherId,
                request.regionCode(),
                period,
                request.lotteryType(),
                blankToNull(request.gameCategory()),
                amount,
                request.amount() == null ? null : plain(request.amount().value()),
                request.amount() == null ? null : request.amount().unit(),
                request.qualifier(),
                source.articleId(),
                blankToNull(source.url()),
                blankToNull(source.quote()),
                document,
                source.page(),
                fund,
                indicator);
        return new Checked(values, lineage.scope(), release);
    }

    /**
     * When a new figure becomes public: with its source article when that is not published yet (a release bundle),
     * else at {@code embargoedUntil} when that is still to come, else now.
     */
    private FigureRelease release(
            FigureRequest request, boolean heldForArticle, String prefix, List<FieldViolation> violations) {
        Instant until = Timestamps.stored(request.embargoedUntil());
        if (heldForArticle) {
            if (until != null) {
                violations.add(new FieldViolation(
                        prefix + "embargoedUntil",
                        "the figure goes out with its source article "
                                + request.source().articleId()
                                + ", which is not published yet; leave embargoedUntil out"));
            }
            return new FigureRelease(null, null, request.source().articleId());
        }
        return until != null && until.isAfter(now) ? new FigureRelease(null, until, null) : FigureRelease.now(now);
    }

    /** The PDF a source cites, checked: a live PDF of the figure's publisher, with the page it cites. */
    private DocumentRef document(UUID publisherId, SourceInput source, String prefix, List<FieldViolation> violations) {
        if (source.documentId() == null) {
            if (source.page() != null) {
                violations.add(new FieldViolation(prefix + "source.page", "is a page of a document; give documentId"));
            }
            return null;
        }
        if (publisherId == null) {
            return null;
        }
        Optional<DocumentRef> found = documents.computeIfAbsent(
                publisherId + "/" + source.documentId(), key -> media.document(publisherId, source.documentId()));
        if (found.isEmpty()) {
            violations.add(new FieldViolation(
                    prefix + "source.documentId",
                    "names no live PDF of the publisher's media library: " + source.documentId()));
            return null;
        }
        if (source.page() != null && source.page() > found.get().pages()) {
            violations.add(new FieldViolation(
                    prefix + "source.page",
                    "is past the end of the document: it has " + found.get().pages() + " pages"));
        }
        return found.get();
    }

    /**
     * Values ready to store, with the region codes a region filter matches them on and, for a new figure, when it
     * becomes public.
     */
    record Checked(FigureValues values, Set<String> regionScope, FigureRelease release) {}

    private static FigureValues.Fund fund(FundInput input, String prefix, List<FieldViolation> violations) {
        BigDecimal perBeneficiary = input.amountPerBeneficiary() == null
                ? null
                : yuan(input.amountPerBeneficiary(), prefix + "amountPerBeneficiary", violations);
        return new FigureValues.Fund(
                input.flow(),
                input.includesUnclaimedPrizes(),
                input.governmentLevel(),
                input.purpose() == null ? null : input.purpose().code(),
                input.purpose() == null ? null : input.purpose().label().strip(),
                input.projectCount(),
                input.beneficiaryCount(),
                perBeneficiary);
    }

    /** The amount in yuan, or null with the problem recorded. */
    private static BigDecimal yuan(AmountInput amount, String field, List<FieldViolation> violations) {
        if (amount.currency() != null && !amount.currency().equals(MoneyUnit.CURRENCY)) {
            violations.add(new FieldViolation(
                    field + ".currency",
                    "only CNY is accepted; was " + InvalidInputException.quoted(amount.currency())));
            return null;
        }
        try {
            return MoneyUnit.parse(field + ".unit", amount.unit()).toYuan(field + ".value", amount.value());
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    private static void forbid(boolean present, String field, String message, List<FieldViolation> violations) {
        if (present) {
            violations.add(new FieldViolation(field, message));
        }
    }

    private static List<FieldViolation> prefixed(String prefix, List<FieldViolation> violations) {
        return violations.stream()
                .map(v -> new FieldViolation(prefix + v.field(), v.message()))
                .toList();
    }

    /** A printed number without trailing zeros (743.90 is printed as 743.9), as the database gives it back. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
