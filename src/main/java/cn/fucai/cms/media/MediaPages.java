package cn.fucai.cms.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The text of the library's PDFs, page by page: stored with an upload, read in the background for PDFs uploaded before
 * there was search, and counted (media_page, with the same Chinese bigrams and English stems as articles); searched by
 * {@link PageSearch}.
 */
@ApplicationScoped
class MediaPages {

    private static final Logger LOG = Logger.getLogger(MediaPages.class);

    /** PDFs read in one background round: each is at most 20 MiB and 2,000 pages. */
    private static final int READ_PER_ROUND = 3;

    @Inject
    Jdbi jdbi;

    @Inject
    MediaStore store;

    @Inject
    MediaReads reads;

    /**
     * Stores the text of a PDF's pages, and lists its scans for OCR ({@link ScannedPages}); pages without text are
     * left out. In the caller's transaction.
     */
    void store(UUID mediaId, List<PdfText.PageText> pages) {
        jdbi.useHandle(handle -> store(handle, mediaId, pages));
    }

    private static void store(Handle handle, UUID mediaId, List<PdfText.PageText> pages) {
        PreparedBatch texts = handle.prepareBatch("""
                insert into media_page (media_id, page, text, document)
                values (:media, :page, :text, cms_search_document(:text))
                on conflict (media_id, page) do nothing""");
        PreparedBatch scans = handle.prepareBatch("""
                insert into media_page_awaiting_ocr (media_id, page) values (:media, :page)
                on conflict (media_id, page) do nothing""");
        for (int i = 0; i < pages.size(); i++) {
            PdfText.PageText page = pages.get(i);
            if (page.scanned()) {
                scans.bind("media", mediaId).bind("page", i + 1).add();
            } else if (!page.text().isEmpty()) {
                texts.bind("media", mediaId)
                        .bind("page", i + 1)
                        .bind("text", page.text())
                        .add();
            }
        }
        for (PreparedBatch batch : List.of(texts, scans)) {
            if (batch.size() > 0) {
                batch.execute();
            }
        }
    }

    /**
     * Stores what OCR read on a scanned page, unless the page no longer waits (its PDF was deleted meanwhile); in a
     * transaction of its own. Returns whether it was stored.
     */
    boolean storeRead(UUID mediaId, int page, String text) {
        return QuarkusTransaction.requiringNew()
                .call(() -> jdbi.withHandle(handle -> {
                    // the row lock this takes orders it with forget(): the text is stored before the PDF is forgotten,
                    // or not
                    boolean waiting = handle.createUpdate(
                                            "delete from media_page_awaiting_ocr where media_id = :media and page = :page")
                                    .bind("media", mediaId)
                                    .bind("page", page)
                                    .execute()
                            == 1;
                    if (waiting && !text.isEmpty()) {
                        handle.createUpdate("""
                                insert into media_page (media_id, page, text, document, ocr)
                                values (:media, :page, :text, cms_search_document(:text), true)
                                on conflict (media_id, page) do nothing""")
                                .bind("media", mediaId)
                                .bind("page", page)
                                .bind("text", text)
                                .execute();
                    }
                    return waiting;
                }));
    }

    /**
     * Forgets the text of a deleted PDF: nothing searches it any more, and OCR reads none of its pages. In the caller's
     * transaction; the pages waiting for OCR go first, so that a page being stored at the same time is stored before
     * the text is deleted, or not at all.
     */
    void forget(UUID mediaId) {
        jdbi.useHandle(handle -> {
            handle.createUpdate("delete from media_page_awaiting_ocr where media_id = :media")
                    .bind("media", mediaId)
                    .execute();
            handle.createUpdate("delete from media_page where media_id = :media")
                    .bind("media", mediaId)
                    .execute();
            handle.createUpdate("delete from media_text_unread where media_id = :media")
                    .bind("media", mediaId)
                    .execute();
        });
    }

    /** How the text of a PDF's pages was read, and how many pages wait for OCR or were given up on. */
    MediaDtos.DocumentText textOf(UUID mediaId, int pageCount) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select count(*) filter (where not g.ocr) as with_text, count(*) filter (where g.ocr) as by_ocr,
                               (select count(*) filter (where w.attempts < :max) from media_page_awaiting_ocr w
                                where w.media_id = :media) as awaiting,
                               (select count(*) filter (where w.attempts >= :max) from media_page_awaiting_ocr w
                                where w.media_id = :media) as unreadable
                        from media_page g where g.media_id = :media""")
                .bind("media", mediaId)
                .bind("max", ScannedPages.MAX_ATTEMPTS)
                .map((rs, context) -> new MediaDtos.DocumentText(
                        pageCount,
                        rs.getInt("with_text"),
                        rs.getInt("by_ocr"),
                        rs.getInt("awaiting"),
                        rs.getInt("unreadable")))
                .one());
    }

    /**
     * Reads the text of a few PDFs uploaded before their text was read at upload, oldest first; instances share the
     * work (each claims its PDFs, skipping those another holds). A PDF whose bytes are gone or do not parse is marked
     * read, with nothing to search, so that it is not tried again.
     */
    @Scheduled(every = "${cms.media.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void readUnread() {
        while (readRound() == READ_PER_ROUND) {
            // more are waiting: another round at once
        }
    }

    /** One round, in a transaction of its own: returns how many PDFs it read. */
    int readRound() {
        return QuarkusTransaction.requiringNew().call(this::readSome);
    }

    private int readSome() {
        return jdbi.withHandle(handle -> {
            List<Unread> unread = handle.createQuery("""
                            select u.media_id, m.sha256 from media_text_unread u join media m on m.id = u.media_id
                            order by m.created_at, m.id limit :rows for update of u skip locked""")
                    .bind("rows", READ_PER_ROUND)
                    .map((rs, context) -> new Unread(rs.getObject("media_id", UUID.class), rs.getString("sha256")))
                    .list();
            for (Unread pdf : unread) {
                store(handle, pdf.id(), textOf(pdf));
                handle.createUpdate("delete from media_text_unread where media_id = :media")
                        .bind("media", pdf.id())
                        .execute();
            }
            return unread.size();
        });
    }

    private record Unread(UUID id, String sha256) {}

    private List<PdfText.PageText> textOf(Unread pdf) {
        try {
            Optional<byte[]> bytes = store.readAll(MediaFiles.served(pdf.sha256()));
            if (bytes.isEmpty()) {
                LOG.warnf("the text of media %s could not be read: its bytes are not in the store", pdf.id());
                return List.of();
            }
            try (PDDocument document = Loader.loadPDF(bytes.get())) {
                return PdfText.pages(document);
            }
        } catch (IOException | RuntimeException unreadable) {
            LOG.warnf("the text of media %s could not be read: %s", pdf.id(), unreadable.toString());
            return List.of();
        }
    }
}
