package cn.fucai.cms.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the scanned pages of the library's PDFs with OCR, in the background, so that search finds their words too. Every
 * instance where tesseract is installed takes part: each claims a few pages of one PDF at a time for a lease, so that no
 * page is read twice while its reader lives, and the pages of one that died are read by another once its lease runs out.
 */
@ApplicationScoped
class ScannedPages {

    /** Pages of one PDF read in a round: the PDF is fetched from the store once for them. */
    static final int PAGES_PER_ROUND = 4;

    /** Tries of a page before it is left alone (tesseract crashed or ran out of time on it each time). */
    static final int MAX_ATTEMPTS = 3;

    /** 300 dpi, as scanners scan text, for pages up to this many pixels; larger pages are read at less. */
    private static final int DPI = 300;

    private static final long MAX_PIXELS = 16_000_000;
    private static final Logger LOG = Logger.getLogger(ScannedPages.class);

    @Inject
    Jdbi jdbi;

    @Inject
    MediaStore store;

    @Inject
    MediaPages pages;

    @Inject
    MediaConfig config;

    private Tesseract tesseract;
    private Duration lease;
    private volatile Boolean available;

    @PostConstruct
    void configure() {
        MediaConfig.Ocr ocr = config.ocr();
        tesseract = new Tesseract(ocr.command(), ocr.languages(), ocr.pageTimeout());
        lease = ocr.pageTimeout().multipliedBy(PAGES_PER_ROUND).plusMinutes(1);
    }

    @Scheduled(every = "${cms.media.ocr.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void readWaiting() {
        if (available == null) {
            available = tesseract.available();
        }
        if (available) {
            while (readRound() == PAGES_PER_ROUND) {
                // more may be waiting: another round at once
            }
        }
    }

    /**
     * One round: claims up to {@link #PAGES_PER_ROUND} waiting pages of the PDF uploaded first, reads them and stores
     * each in a transaction of its own. Returns how many pages it claimed.
     */
    int readRound() {
        Claim claim = QuarkusTransaction.requiringNew().call(this::claim);
        if (claim == null || claim.pages().isEmpty()) {
            return 0;
        }
        try {
            Optional<byte[]> bytes = store.readAll(MediaFiles.served(claim.sha256()));
            if (bytes.isEmpty()) {
                LOG.warnf("the scanned pages of media %s cannot be read: its bytes are not in the store", claim.id());
                return claim.pages().size();
            }
            try (PDDocument document = Loader.loadPDF(bytes.get())) {
                for (int page : claim.pages()) {
                    read(claim.id(), document, page);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            LOG.warnf("the scanned pages of media %s could not be read: %s", claim.id(), unreadable.toString());
        }
        return claim.pages().size();
    }

    private void read(UUID mediaId, PDDocument document, int page) {
        long started = System.nanoTime();
        try {
            String text = PdfText.normalised(tesseract.read(image(document, page)));
            if (text.length() > PdfText.MAX_PAGE_CHARS) {
                text = text.substring(0, PdfText.MAX_PAGE_CHARS);
            }
            if (pages.storeRead(mediaId, page, text)) {
                LOG.infof(
                        "OCR read page %d of media %s: %d characters in %d ms",
                        page, mediaId, text.length(), (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException | RuntimeException failed) {
            // the attempt is counted; the page is tried again when the lease runs out, up to MAX_ATTEMPTS times
            LOG.warnf("OCR of page %d of media %s failed: %s", page, mediaId, failed.toString());
        }
    }

    /** The page as a grey image at 300 dpi, or less where that would make more than 16 million pixels. */
    private static BufferedImage image(PDDocument document, int page) throws IOException {
        PDRectangle box = document.getPage(page - 1).getCropBox();
        double squareInches = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
        float dpi = (float) Math.min(DPI, Math.sqrt(MAX_PIXELS / Math.max(squareInches, 1e-6)));
        return new PDFRenderer(document).renderImageWithDPI(page - 1, dpi, ImageType.GRAY);
    }

    /** Claims pages of the first PDF with pages waiting that no one holds, counting the attempt; null when none. */
    private Claim claim() {
        return jdbi.withHandle(handle -> {
            Optional<Claim> first = handle.createQuery("""
                            select m.id, m.sha256 from media_page_awaiting_ocr w join media m on m.id = w.media_id
                            where m.deleted_at is null and w.attempts < :max
                              and (w.claimed_until is null or w.claimed_until < now())
                            order by m.created_at, m.id, w.page limit 1 for update of w skip locked""")
                    .bind("max", MAX_ATTEMPTS)
                    .map((rs, context) -> new Claim(rs.getObject("id", UUID.class), rs.getString("sha256"), List.of()))
                    .findOne();
            return first.map(pdf -> new Claim(
                            pdf.id(),
                            pdf.sha256(),
                            handle
                                    .createQuery("""
                                            update media_page_awaiting_ocr set attempts = attempts + 1,
                                                claimed_until = now() + make_interval(secs => :lease)
                                            where (media_id, page) in (
                                                select media_id, page from media_page_awaiting_ocr
                                                where media_id = :media and attempts < :max
                                                  and (claimed_until is null or claimed_until < now())
                                                order by page limit :rows for update skip locked)
                                            returning page""")
                                    .bind("lease", (double) lease.toSeconds())
                                    .bind("media", pdf.id())
                                    .bind("max", MAX_ATTEMPTS)
                                    .bind("rows", PAGES_PER_ROUND)
                                    .mapTo(Integer.class)
                                    .list()
                                    .stream()
                                    .sorted()
                                    .toList()))
                    .orElse(null);
        });
    }

    private record Claim(UUID id, String sha256, List<Integer> pages) {}
}
